import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { ENGINES, type TestDatabase } from './test-databases';
import { pastPullHorizon } from './sync-eventually';

describe.each(ENGINES)('pastPullHorizon on $engine', (engine) => {
  it('returns at once when no older transaction is open', async () => {
    const test = await engine.create();
    try {
      await pastPullHorizon(test.db, 5_000);
    } finally {
      await test.drop();
    }
  });
});

// Only PostgreSQL has other connections to hold a transaction open.
const postgres = ENGINES.find((engine) => engine.engine === 'postgresql');

describe.runIf(postgres)('pastPullHorizon beside another connection', () => {
  let test: TestDatabase;
  let other: pg.Client;
  beforeAll(async () => {
    test = await postgres!.create();
    other = new pg.Client({ connectionString: test.url });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await test.drop();
  });

  it('waits for a transaction that began before it, and gives up at its deadline', async () => {
    // The other connection holds a transaction with an xid, as another test file's seeding would.
    await other.query('BEGIN');
    await other.query('SELECT pg_current_xact_id()');
    let passed = false;
    const waiting = pastPullHorizon(test.db, 20_000).then(() => (passed = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(passed, 'returned while an older transaction was open').toBe(false);
    await other.query('COMMIT');
    await waiting;
    expect(passed).toBe(true);

    // One that never ends: a clear failure at the deadline, not a hang.
    await other.query('BEGIN');
    await other.query('SELECT pg_current_xact_id()');
    await expect(pastPullHorizon(test.db, 200)).rejects.toThrow(/still open after 200 ms/);
    await other.query('ROLLBACK');
  });
});
