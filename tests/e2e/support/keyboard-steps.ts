/**
 * Moving through a page by keyboard alone, as the keyboard specs do: what has focus, and Tab
 * until a control is reached, answering on the way.
 */
import type { Page } from '@playwright/test';

/** The focused element, as a keyboard user meets it. */
export interface Focused {
  tag: string;
  type: string;
  name: string;
  id: string;
  checked: boolean;
  checkedInGroup: boolean;
  text: string;
  value: string;
  label: string;
  inNav: boolean;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const name = el?.getAttribute('name') ?? '';
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      type: el?.getAttribute('type') ?? '',
      name,
      id: el?.id ?? '',
      checked: Boolean(el?.checked),
      checkedInGroup: name
        ? Boolean(document.querySelector(`input[name="${CSS.escape(name)}"]:checked`))
        : false,
      text: (el?.textContent ?? '').trim().replace(/\s+/g, ' '),
      value: el?.value ?? '',
      label: (el?.labels?.[0]?.textContent ?? '').trim().replace(/\s+/g, ' '),
      inNav: Boolean(el?.closest('nav')),
    };
  });

/**
 * Tab until the focused element satisfies `stop`, answering on the way as a keyboard user would:
 * Space on an unanswered radio group (its first choice), Space on an unticked confirmation, and
 * a sentence in an empty text box.
 */
export async function tabTo(page: Page, stop: (f: Focused) => boolean, limit = 400): Promise<Focused> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (stop(f)) return f;
    if (f.tag === 'input' && f.type === 'radio' && !f.checkedInGroup) await page.keyboard.press('Space');
    if (f.tag === 'input' && f.type === 'checkbox' && !f.checked) await page.keyboard.press('Space');
    if (f.tag === 'textarea' && f.value === '') await page.keyboard.type('Recorded by keyboard.');
  }
  throw new Error('the control was never reached by Tab');
}
