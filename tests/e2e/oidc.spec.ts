/**
 * "Sign in with your council account" end to end in Chromium, against a real OpenID Connect
 * provider (oidc-provider, the certified implementation) started by this test on loopback,
 * with PKCE required and ID tokens that carry no e-mail (so Lantern must read userinfo, as it
 * does with many Entra set-ups). A verified e-mail of a Lantern account signs in with a
 * session of method 'oidc' and a log row; an unverified e-mail and an unknown one are sent back
 * to the sign-in page with what to do.
 */
import { test, expect, type Page } from '@playwright/test';
import { axeViolations, describeViolations } from './support/axe-scan';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import Provider from 'oidc-provider';
import { startServer, type ServerProcess } from '../support/server-process';

const CLIENT_ID = 'lantern-e2e';
const CLIENT_SECRET = 'a-secret-for-this-test-only';

/** The people the provider knows, by the login typed on its (development) sign-in form. */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  amara: { email: 'Amara.Auditor@demo.lantern.invalid', email_verified: true, name: 'Amara Osei' },
  unverified: { email: 'ben.auditor@demo.lantern.invalid', email_verified: false, name: 'Ben Hartley' },
  stranger: { email: 'stranger@council.example', email_verified: true, name: 'Stranger' },
  newcomer: { email: 'Rowan.Vale@newcomers.council.invalid', email_verified: true, name: 'Rowan Vale' },
};

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

let lantern: ServerProcess;
let idp: Server;

test.beforeAll(async () => {
  const [idpPort, lanternPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${idpPort}`;
  const lanternUrl = `http://127.0.0.1:${lanternPort}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${lanternUrl}/api/auth/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { methods: ['S256'], required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['oidc-e2e-cookie-key'] },
    async findAccount(_ctx, sub) {
      const account = ACCOUNTS[sub];
      return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
    },
  });
  idp = createHttpServer(provider.callback());
  await new Promise<void>((resolve) => idp.listen(idpPort, '127.0.0.1', resolve));
  lantern = await startServer({
    env: {
      LANTERN_CLIENT_BUILD: 'skip',
      PORT: String(lanternPort),
      LANTERN_OIDC_ISSUER: issuer,
      LANTERN_OIDC_CLIENT_ID: CLIENT_ID,
      LANTERN_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      LANTERN_PUBLIC_URL: lanternUrl,
      LANTERN_OIDC_ACCOUNT_DOMAINS: 'newcomers.council.invalid',
    },
  });
});

test.afterAll(async () => {
  await lantern?.stop();
  await new Promise<void>((resolve) => (idp ? idp.close(() => resolve()) : resolve()));
});

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  expect(describeViolations(await axeViolations(page)), where).toEqual([]);
}

/** From Lantern's sign-in page through the provider's own sign-in and consent screens. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto(`${lantern.url}/sign-in`);
  await page.getByRole('link', { name: 'Sign in with your council account' }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/interaction\//);
  expect(new URL(page.url()).port).not.toBe(String(lantern.port));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a council account with a verified e-mail signs in, with a session of method oidc and a log row', async ({
  page,
}) => {
  await page.goto(`${lantern.url}/sign-in`);
  await expect(page.getByRole('link', { name: 'Sign in with your council account' })).toBeVisible();
  await expectNoAxeViolations(page, 'sign-in page with single sign-on');

  await signInAtProvider(page, 'amara');
  await expect(page.getByRole('heading', { name: 'Hello, Amara Osei (demo)' })).toBeVisible();
  expect(new URL(page.url()).port).toBe(String(lantern.port));
  const session = (await (await page.request.get(`${lantern.url}/api/auth/session`)).json()) as {
    person: { email: string };
    method: string;
  };
  expect(session).toMatchObject({ person: { email: 'amara.auditor@demo.lantern.invalid' }, method: 'oidc' });

  // The audit log, read by the QA lead, has the sign-in and how it was made.
  const qa = await page.context().browser()?.newContext();
  if (!qa) throw new Error('no second browser context');
  const signedIn = await qa.request.post(`${lantern.url}/api/auth/sign-in`, {
    data: { email: 'erin.qalead@demo.lantern.invalid', password: 'lantern-demo' },
  });
  expect(signedIn.status()).toBe(200);
  const log = (await (
    await qa.request.get(`${lantern.url}/api/audit-log?action=sign-in&person=amara.auditor`)
  ).json()) as { entries: { action: string; detail: Record<string, unknown> }[] };
  expect(log.entries.find((e) => e.action === 'sign-in')?.detail).toMatchObject({
    method: 'oidc',
    subject: 'amara',
  });
  await qa.close();
});

test('an e-mail the provider has not verified is refused, with what to do', async ({ page }) => {
  await signInAtProvider(page, 'unverified');
  await expect(page).toHaveURL(/\/sign-in\?sso=email-not-verified$/);
  const problem = page.getByTestId('sso-problem');
  await expect(problem).toContainText('did not confirm your e-mail address');
  await expect(problem).toBeFocused();
  expect((await page.request.get(`${lantern.url}/api/auth/session`)).status()).toBe(401);
  await expectNoAxeViolations(page, 'sign-in page after an unverified e-mail');
});

test('an e-mail Lantern does not know is told to ask the administrator', async ({ page }) => {
  await signInAtProvider(page, 'stranger');
  await expect(page).toHaveURL(/\/sign-in\?sso=unknown-account$/);
  await expect(page.getByTestId('sso-problem')).toContainText('Ask your Lantern administrator to add you');
  expect((await page.request.get(`${lantern.url}/api/auth/session`)).status()).toBe(401);
});

test('a verified address in a listed domain gets an account with no role, and the admin sees them waiting', async ({
  page,
  browser,
}) => {
  await signInAtProvider(page, 'newcomer');
  await expect(page.getByRole('heading', { name: 'Hello, Rowan Vale' })).toBeVisible();
  await expect(page.getByTestId('no-role-yet')).toContainText('Your account is waiting for a role');
  await expect(page.getByRole('link', { name: 'My audits' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'home page of an account with no role');

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await admin.goto(`${lantern.url}/sign-in`);
  await admin.getByRole('button', { name: 'Use Gus Fielding (demo)' }).click();
  await admin.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(admin.getByRole('heading', { name: 'Hello, Gus Fielding (demo)' })).toBeVisible();
  await admin.goto(`${lantern.url}/admin/people`);
  await expect(admin.getByTestId('people-waiting')).toContainText('Rowan Vale');
  await expect(admin.getByTestId('people-waiting')).toContainText('rowan.vale@newcomers.council.invalid');
  await expectNoAxeViolations(admin, 'people, with someone waiting for a role');
  await adminContext.close();
});
