/**
 * The Hono app in-process on a fresh database, for server tests: migrated, seeded with the
 * demo organisation at a fixed date, and a way to act as any demo person (cookie and CSRF
 * token handled like a browser would).
 */
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedFirstStart } from '../../server/demo/seed-first-start';
import { createApp, type LanternApp } from '../../server/app';
import type { AppDeps } from '../../server/http/app-env';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { DEFAULT_SCRYPT_COST } from '../../server/auth/password';
import type { EngineCase, TestDatabase } from './test-databases';

/** The demo's audits end here in tests, so periods and trends are the same every run. */
export const TEST_NOW = new Date('2026-10-15T12:00:00Z');

export const TEST_CONFIG: AppDeps['config'] = {
  demo: true,
  secureCookies: false,
  sessionIdleMinutes: 480,
  sessionMaxHours: 24,
  trustProxy: 0,
  scryptCost: DEFAULT_SCRYPT_COST,
};

export interface TestApp {
  app: LanternApp;
  db: Database;
  target: TestDatabase;
  request(path: string, init?: RequestInit & { json?: unknown; ip?: string }): Promise<Response>;
  as(email: string): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string;
  cookie: string;
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

function buildInit(
  init: RequestInit & { json?: unknown } = {},
  extraHeaders: Record<string, string> = {},
): RequestInit {
  const headers = new Headers(init.headers);
  for (const [k, v] of Object.entries(extraHeaders)) if (!headers.has(k)) headers.set(k, v);
  if (init.json !== undefined) {
    headers.set('content-type', 'application/json');
    return { ...init, headers, body: JSON.stringify(init.json) };
  }
  return { ...init, headers };
}

export async function createTestApp(
  engine: EngineCase,
  options: { demo?: boolean; config?: Partial<AppDeps['config']>; mail?: AppDeps['mail'] } = {},
): Promise<TestApp> {
  const target = await engine.create();
  const { schemaVersion } = await migrate(target.db);
  await seedFirstStart(target.db, { demo: options.demo ?? true, now: TEST_NOW });
  const app = createApp({
    db: target.db,
    config: { ...TEST_CONFIG, ...options.config },
    schemaVersion,
    // No e-mail unless a test brings its own mail server, whatever the shell's LANTERN_SMTP_URL.
    mail: options.mail ?? null,
  });
  const request: TestApp['request'] = (path, init = {}) =>
    Promise.resolve(
      app.request(path, buildInit(init), {
        incoming: { socket: { remoteAddress: init.ip ?? '192.0.2.10' } },
      }),
    );

  return {
    app,
    db: target.db,
    target,
    request,
    async as(email: string) {
      const response = await request('/api/auth/sign-in', {
        method: 'POST',
        json: { email, password: DEMO_PASSWORD },
      });
      if (response.status !== 200)
        throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await response.json()) as { csrfToken: string };
      return {
        csrfToken,
        cookie,
        request: (path, init = {}) => request(path, buildInit(init, { cookie, 'x-csrf-token': csrfToken })),
      };
    },
    close: () => target.drop(),
  };
}
