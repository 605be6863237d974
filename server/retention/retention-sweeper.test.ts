/**
 * The daily retention job as the server runs it, on a fake clock: once at start and then once
 * a day of that clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openPgliteDatabase } from '../db/pglite-database';
import { migrate } from '../db/migrate';
import { retentionDue, startRetentionSweeper } from './retention-sweeper';
import { sweepLastRun } from '../monitoring/prometheus-metrics';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = (iso: string) => new Date(iso);

describe('when the retention job is due', () => {
  it.each([
    ['never run yet', null, '2030-01-01T00:00:00Z', true],
    ['an hour after the last run', '2030-01-01T00:00:00Z', '2030-01-01T01:00:00Z', false],
    ['just under a day after', '2030-01-01T00:00:00Z', '2030-01-01T23:59:59Z', false],
    ['a day after', '2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z', true],
    // A clock set back (a test clock, a corrected system clock) must not stop it for ever.
    ['the clock went back', '2030-01-02T00:00:00Z', '2030-01-01T00:00:00Z', true],
  ])('%s', (_name, last, now, due) => {
    expect(retentionDue(last ? at(last) : null, at(now))).toBe(due);
  });
});

describe('the retention job in a server process', () => {
  it('deletes what is due at its clock’s time, then again a day of that clock later', async () => {
    const db = await openPgliteDatabase(undefined);
    cleanups.push(() => db.close());
    await migrate(db);
    let now = new Date('2030-06-01T12:00:00Z');
    const failure = (email: string, failedAt: string) =>
      db.query("INSERT INTO sign_in_failures (email, ip, failed_at) VALUES ($1, '192.0.2.1', $2)", [
        email,
        failedAt,
      ]);
    await failure('old@example.invalid', '2030-04-01T12:00:00Z');
    await failure('young@example.invalid', '2030-05-30T12:00:00Z');
    const emails = async () =>
      (await db.query<{ email: string }>('SELECT email FROM sign_in_failures ORDER BY 1')).map(
        (r) => r.email,
      );
    const lines: string[] = [];

    const stop = startRetentionSweeper(db, 480, {
      env: {},
      clock: () => now,
      checkEveryMs: 100,
      say: (line) => lines.push(line),
    });
    cleanups.push(stop);

    await vi.waitFor(async () => expect(await emails()).toEqual(['young@example.invalid']), {
      timeout: 30_000,
    });
    expect(lines).toEqual([
      'retention: deleted 0 ended sessions, 1 failed sign-ins, 0 refused snapshots, 0 audit-log rows',
    ]);
    // Monitoring sees when it last ran (docs/MONITORING.md's sweep gauge).
    const gauge = await sweepLastRun.get();
    expect(gauge.values.some((v) => v.labels.sweep === 'retention' && v.value > 0)).toBe(true);
    // A month of the clock later, the young one is due as well.
    now = new Date('2030-07-01T12:00:00Z');
    await vi.waitFor(async () => expect(await emails()).toEqual([]), { timeout: 30_000 });
  });
});
