/**
 * The alert timer, with fake timers and a stand-in database: it sweeps every 30 seconds, never
 * runs two sweeps at once, sends e-mail only when SMTP is configured, survives a failed sweep,
 * and stops when told to.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database, Queryable } from '../db/database';
import { startAlertSweeper, SWEEP_INTERVAL_MS } from './alert-sweeper';
import { log as logger } from '../log/logger';

function fakeDb(fail = false): Database & { transactions: number } {
  const tx: Queryable = { query: async () => [], exec: async () => {} };
  const db = {
    engine: 'pglite' as const,
    transactions: 0,
    query: async () => [],
    exec: async () => {},
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      db.transactions++;
      if (fail) throw new Error('database unavailable');
      return fn(tx);
    },
    close: async () => {},
  };
  return db;
}

describe('startAlertSweeper', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('escalates every 30 seconds until stopped, and sends nothing without SMTP', async () => {
    vi.useFakeTimers();
    const db = fakeDb();
    const stop = startAlertSweeper(db, {});
    expect(db.transactions).toBe(0);
    await vi.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
    expect(db.transactions).toBe(1);
    await vi.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
    expect(db.transactions).toBe(2);
    stop();
    await vi.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 3);
    expect(db.transactions).toBe(2);
  });

  it('also claims e-mails when SMTP is configured', async () => {
    vi.useFakeTimers();
    const db = fakeDb();
    const stop = startAlertSweeper(db, { LANTERN_SMTP_URL: 'smtp://127.0.0.1:1' });
    await vi.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS);
    // One transaction escalates, one claims the (here: no) queued e-mails.
    expect(db.transactions).toBe(2);
    stop();
  });

  it('logs a failed sweep and tries again next time', async () => {
    vi.useFakeTimers();
    const log = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const db = fakeDb(true);
    const stop = startAlertSweeper(db, {});
    await vi.advanceTimersByTimeAsync(SWEEP_INTERVAL_MS * 2);
    expect(db.transactions).toBe(2);
    expect(log).toHaveBeenCalledWith(
      { err: expect.objectContaining({ message: 'database unavailable' }) },
      expect.stringContaining('alert sweep failed'),
    );
    stop();
  });
});
