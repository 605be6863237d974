/**
 * The sync runner: when a device syncs and what it does after each kind of failure. Push and
 * pull are stand-ins here (their own tests and tests/sync prove what they send); the clock is
 * fake, so the 30-second rhythm and the backoff are checked to the millisecond.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import type { LanternDb } from '../db/lantern-db';

const calls: string[] = [];
const push = vi.fn(async () => {
  calls.push('push');
  return { sent: 1, applied: 1, conflicts: 0, rejected: 0 };
});
const pull = vi.fn(async () => {
  calls.push('pull');
  return { pages: 1, audits: 0, allocations: 0 };
});
vi.mock('./push-outbox', () => ({ pushOutbox: () => push() }));
vi.mock('./pull-changes', () => ({ pullChanges: () => pull() }));

const { backoffDelay, startSyncRunner, PERIODIC_MS } = await import('./sync-runner');
type Outcome = Parameters<Parameters<typeof startSyncRunner>[0]['onOutcome']>[0];

const metaPuts: unknown[] = [];
const db = { meta: { put: async (row: unknown) => void metaPuts.push(row) } } as unknown as LanternDb;
const network = { onLine: true };

/** Starts a runner that leads at once (no Web Locks here), collecting its outcomes. */
function start() {
  const outcomes: Outcome['kind'][] = [];
  const runner = startSyncRunner({
    db,
    personId: 'p1',
    deviceId: 'd1',
    onOutcome: (o) => outcomes.push(o.kind),
    onLeader: () => undefined,
    onRunning: () => undefined,
  });
  return { runner, outcomes };
}

/** Lets the runner's awaited work finish without moving the clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5); // backoff jitter at its middle: exactly the base delay
  calls.length = 0;
  metaPuts.length = 0;
  network.onLine = true;
  push.mockClear();
  pull.mockClear();
  vi.stubGlobal('window', new EventTarget());
  vi.stubGlobal('navigator', network);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('sync runner', () => {
  it('pushes before it pulls, records when it synced, and goes again every 30 s', async () => {
    const { runner, outcomes } = start();
    await settle();
    expect(calls).toEqual(['push', 'pull']);
    expect(metaPuts).toEqual([expect.objectContaining({ key: 'last-synced-at' })]);
    await vi.advanceTimersByTimeAsync(PERIODIC_MS - 1);
    expect(push).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(push).toHaveBeenCalledTimes(2);
    expect(outcomes).toEqual(['synced', 'synced']);
    runner.stop();
  });

  it('says offline and touches nothing while the browser has no network, then syncs when it comes back', async () => {
    network.onLine = false;
    const { runner, outcomes } = start();
    await settle();
    expect([outcomes, calls]).toEqual([['offline'], []]);
    network.onLine = true;
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(calls).toEqual(['push', 'pull']);
    runner.stop();
  });

  it('backs off 1, 2, 4 s after failures, and starts again from 1 s after a success', async () => {
    push.mockRejectedValueOnce(new ApiError(500, 'internal', 'The server failed.'));
    push.mockRejectedValueOnce(new ApiError(0, 'network', 'No network.'));
    push.mockRejectedValueOnce(new ApiError(503, 'internal', 'Busy.'));
    const { runner, outcomes } = start();
    await settle();
    for (const wait of [1_000, 2_000, 4_000]) {
      const before = push.mock.calls.length;
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(push.mock.calls.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(push.mock.calls.length).toBe(before + 1);
    }
    expect(outcomes).toEqual(['failed', 'offline', 'failed', 'synced']);
    runner.stop();
  });

  it('stops on a 401 without retrying until the person signs in again (a request)', async () => {
    push.mockRejectedValueOnce(new ApiError(401, 'unauthenticated', 'Sign in again.'));
    const { runner, outcomes } = start();
    await settle();
    await vi.advanceTimersByTimeAsync(10 * PERIODIC_MS);
    window.dispatchEvent(new Event('online'));
    await settle();
    expect([outcomes, push.mock.calls.length]).toEqual([['signed-out'], 1]);
    runner.request();
    await settle();
    expect(outcomes).toEqual(['signed-out', 'synced']);
    runner.stop();
  });

  it('folds requests made during a sync into one more sync, not one each', async () => {
    let finish: () => void = () => undefined;
    push.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          finish = () => resolve({ sent: 0, applied: 0, conflicts: 0, rejected: 0 });
        }),
    );
    const { runner } = start();
    await settle();
    runner.request();
    runner.request();
    runner.request();
    finish();
    await settle();
    expect(push).toHaveBeenCalledTimes(2);
    runner.stop();
  });

  it('does nothing more once stopped (sign-out, or the page going)', async () => {
    const { runner } = start();
    await settle();
    runner.stop();
    runner.request();
    window.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(5 * PERIODIC_MS);
    expect(push).toHaveBeenCalledTimes(1);
  });

  it('in a tab that does not lead, asks the leading tab to sync instead of syncing itself', async () => {
    const posted: unknown[] = [];
    class FakeChannel {
      onmessage: (() => void) | null = null;
      constructor(readonly name: string) {}
      postMessage(message: unknown) {
        posted.push([this.name, message]);
      }
      close() {}
    }
    vi.stubGlobal('window', Object.assign(new EventTarget(), { BroadcastChannel: FakeChannel }));
    vi.stubGlobal('BroadcastChannel', FakeChannel);
    // Another tab holds the leader's lock for as long as it is open.
    vi.stubGlobal('navigator', { onLine: true, locks: { request: () => new Promise(() => undefined) } });
    const { runner } = start();
    await settle();
    runner.request();
    await settle();
    expect(push).not.toHaveBeenCalled();
    expect(posted).toEqual([['lantern-sync-p1', 'sync']]);
    runner.stop();
  });
});

describe('backoffDelay', () => {
  it.each([
    ['first failure', 1, 0.5, 1_000],
    ['third failure', 3, 0.5, 4_000],
    ['capped at five minutes', 20, 0.5, 300_000],
    ['jitter at its lowest: half', 2, 0, 1_000],
    ['jitter at its highest: one and a half', 2, 0.999_999, 3_000],
  ])('%s', (_name, failures, random, expected) => {
    expect(backoffDelay(failures, () => random)).toBe(expected);
  });
});
