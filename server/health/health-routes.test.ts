/**
 * Liveness and readiness: live answers while the process runs, whatever the database does;
 * ready answers 200 only when every migration this build ships is applied and the database
 * answers, and otherwise 503 with the reason. /api/health keeps its answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';
import { TEST_CONFIG } from '../../tests/support/test-app';
import { loadMigrations, migrate } from '../db/migrate';
import { createApp } from '../app';
import type { Database } from '../db/database';

describe.each(ENGINES)('health routes on $engine', ({ create }) => {
  let target: TestDatabase;
  let schemaVersion: number;
  const appOn = (db: Database) =>
    createApp({ db, config: TEST_CONFIG, schemaVersion, oidc: null, mail: null, metricsToken: null });

  beforeAll(async () => {
    target = await create();
    ({ schemaVersion } = await migrate(target.db));
  });
  afterAll(() => target.drop());

  it('says live and ready on a migrated database that answers', async () => {
    const app = appOn(target.db);
    const live = await app.request('/api/health/live');
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await app.request('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', schemaVersion });
    expect(await (await app.request('/api/health')).json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('is live but not ready when the database does not answer', async () => {
    const down = new Proxy(target.db, {
      get: (db, key) =>
        key === 'query' ? () => Promise.reject(new Error('connection refused')) : Reflect.get(db, key),
    });
    const app = appOn(down);
    expect((await app.request('/api/health/live')).status).toBe(200);
    const ready = await app.request('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      reason: 'The database does not answer, or has no migrations.',
    });
  });

  it('is not ready while a migration this build ships is not applied, and names it', async () => {
    const latest = Math.max(...(await loadMigrations()).map((m) => m.version));
    const withoutLatest = new Proxy(target.db, {
      get: (db, key) =>
        key === 'query'
          ? async (sql: string, params?: unknown[]) =>
              sql.includes('schema_migrations')
                ? (await db.query<{ version: number }>(sql, params)).filter((row) => row.version !== latest)
                : db.query(sql, params)
          : Reflect.get(db, key),
    });
    const ready = await appOn(withoutLatest).request('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'unavailable',
      reason: `Migrations not applied yet: ${String(latest).padStart(3, '0')}.`,
    });
  });
});
