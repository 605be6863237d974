/**
 * On PostgreSQL a pull hands out a change only once every older transaction on the whole
 * cluster has ended (the xid8 horizon, DESIGN.md "Sync contract"): another test file creating
 * its database, migrating or seeding the demo in parallel holds it back for seconds. That is
 * a delay, never a skip — so a test that pulls what it has just written polls until it is
 * there, with a deadline, rather than expecting it on the first pull.
 */
import type { Queryable } from '../../server/db/database';

export async function eventually<T>(
  attempt: () => Promise<T>,
  done: (value: T) => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if ((await done(value)) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits until every transaction that began before this call has ended on the whole cluster, so a
 * pull from now on hands out everything committed so far (on PGlite, one process, at once). For
 * a test that compares two pulls taken apart: without it, a change held back from the first by
 * another file's open transaction shows up in the second as if it were new.
 */
export async function pastPullHorizon(db: Queryable, timeoutMs = 60_000): Promise<void> {
  const [mark] = await db.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
  const [now] = await eventually(
    () =>
      db.query<{ passed: boolean }>('SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS passed', [
        mark?.xid,
      ]),
    ([row]) => row?.passed === true,
    timeoutMs,
  );
  if (!now?.passed)
    throw new Error(`transactions older than xid ${mark?.xid} still open after ${timeoutMs} ms`);
}
