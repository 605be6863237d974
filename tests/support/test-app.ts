/**
 * The Hono app in-process on a database of its own, for server tests: migrated, seeded with
 * the demo organisation at a fixed date (a copy of one seeded once per run), and a way to act
 * as any demo person (cookie and CSRF token handled like a browser would).
 */
import type { Database } from '../../server/db/database';
import { migrate } from '../../server/db/migrate';
import { seedFirstStart } from '../../server/demo/seed-first-start';
import { createApp, type LanternApp } from '../../server/app';
import type { AppDeps } from '../../server/http/app-env';
import { DEMO_PASSWORD } from '../../server/demo/demo-people';
import { DEFAULT_SCRYPT_COST } from '../../server/auth/password';
import type { EngineCase, PreparedState, TestDatabase } from './test-databases';

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

/**
 * What a test app's database holds before the test: migrated and first-started, with the demo
 * organisation seeded at TEST_NOW or with an empty organisation. Made once per run and copied
 * for each test (tests/support/test-databases.ts).
 */
const DEMO_STATE: PreparedState = {
  key: 'demo',
  async prepare(db) {
    await migrate(db);
    await seedFirstStart(db, { demo: true, now: TEST_NOW });
  },
};
const EMPTY_ORGANISATION_STATE: PreparedState = {
  key: 'empty_organisation',
  async prepare(db) {
    await migrate(db);
    await seedFirstStart(db, { demo: false, now: TEST_NOW });
  },
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
  const state = (options.demo ?? true) ? DEMO_STATE : EMPTY_ORGANISATION_STATE;
  const target = engine.createFrom ? await engine.createFrom(state) : await engine.create();
  if (!engine.createFrom) await state.prepare(target.db);
  // Checks the migrations against today's files, and reads the schema version.
  const { schemaVersion } = await migrate(target.db);
  // Each database its own epoch, as each freshly migrated one had (copies share the prepared one's).
  if (engine.createFrom) await target.db.query('UPDATE server_epoch SET epoch = gen_random_uuid()');
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
