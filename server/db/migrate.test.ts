/**
 * Migrations: identical schema on both engines, idempotent on a second start, and a failing
 * migration leaves nothing half-applied.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, type TestDatabase } from '../../tests/support/test-databases';
import { loadMigrations, migrate } from './migrate';
import { schemaFingerprint } from '../../tests/support/schema-fingerprint';
import { StartupError } from '../startup-error';

describe.each(ENGINES)('migrations on $engine', ({ create }) => {
  let target: TestDatabase | undefined;
  afterEach(async () => {
    await target?.drop();
    target = undefined;
  });

  it('applies every migration on an empty database and records each one', async () => {
    target = await create();
    const all = await loadMigrations();
    const report = await migrate(target.db);
    expect(report.applied).toEqual(all.map((m) => m.version));
    expect(report.schemaVersion).toBe(all.at(-1)?.version);
    const recorded = await target.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(recorded.map((r) => r.version)).toEqual(report.applied);
  });

  it('applies nothing on a second start', async () => {
    target = await create();
    await migrate(target.db);
    const before = await schemaFingerprint(target.db);
    const second = await migrate(target.db);
    expect(second.applied).toEqual([]);
    expect(await schemaFingerprint(target.db)).toEqual(before);
  });

  it('rolls back every migration of the start when one fails, and says which', async () => {
    target = await create();
    const broken = [
      { version: 1, name: 'good', sql: 'CREATE TABLE first_table (id int);' },
      { version: 2, name: 'bad', sql: 'CREATE TABLE second_table (id int); SELECT * FROM no_such_table;' },
    ];
    await expect(migrate(target.db, broken)).rejects.toThrow(StartupError);
    await expect(migrate(target.db, broken)).rejects.toThrow(
      /Migration 002-bad failed: .*no_such_table.*nothing was applied/,
    );
    const tables = await target.db.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('first_table', 'second_table', 'schema_migrations')",
    );
    expect(tables).toEqual([]);
  });

  it('refuses to start when an applied migration was edited afterwards', async () => {
    target = await create();
    await migrate(target.db, [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (id int);' }]);
    await expect(
      migrate(target.db, [{ version: 1, name: 'one', sql: 'CREATE TABLE t1 (id bigint);' }]),
    ).rejects.toThrow(/001-one has changed since it was applied/);
  });
});

describe.runIf(ENGINES.length > 1)('the schema on both engines', () => {
  it('is the same after all migrations', async () => {
    const fingerprints: string[][] = [];
    for (const engine of ENGINES) {
      const target = await engine.create();
      try {
        await migrate(target.db);
        fingerprints.push(await schemaFingerprint(target.db));
      } finally {
        await target.drop();
      }
    }
    expect(fingerprints[0]?.length).toBeGreaterThan(20);
    expect(fingerprints[1]).toEqual(fingerprints[0]);
  });
});
