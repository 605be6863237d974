/**
 * Steps a manager takes in the browser on the demo's improvement plan, shared by the
 * end-to-end tests of plan measures.
 */
import { expect, type Page } from '@playwright/test';

/** From any signed-in page, through the main navigation, to an action of the post-inspection plan. */
export async function openDemoPlanAction(page: Page, number: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Improvement plan' })
    .click();
  await page.getByRole('link', { name: /post-inspection improvement plan/ }).click();
  await page.getByRole('link', { name: number, exact: true }).click();
  await expect(page.getByRole('heading', { name: `Action ${number}` })).toBeVisible();
}
