/**
 * Update checks: documented as periodic, they were never called, so a tablet left
 * open all week never saw an update. Now hourly and whenever the app regains focus or comes
 * back into view; a check never reloads anything (the new version waits for the person).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scheduleUpdateChecks, UPDATE_CHECK_INTERVAL_MS } from './service-worker-updates';

describe('scheduleUpdateChecks', () => {
  let win: EventTarget;
  let doc: EventTarget & { visibilityState: DocumentVisibilityState };
  let checks: number;
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers();
    win = new EventTarget();
    doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    checks = 0;
    stop = scheduleUpdateChecks(win, doc, () => {
      checks++;
      return Promise.resolve();
    });
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('checks every hour while the app is open, for a week', () => {
    vi.advanceTimersByTime(UPDATE_CHECK_INTERVAL_MS - 1);
    expect(checks).toBe(0);
    vi.advanceTimersByTime(1);
    expect(checks).toBe(1);
    vi.advanceTimersByTime(7 * 24 * UPDATE_CHECK_INTERVAL_MS - UPDATE_CHECK_INTERVAL_MS);
    expect(checks).toBe(7 * 24);
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(3_600_000);
  });

  it('checks when the app regains focus or comes back into view, not when it is hidden', () => {
    win.dispatchEvent(new Event('focus'));
    expect(checks).toBe(1);
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(checks).toBe(1);
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    expect(checks).toBe(2);
  });

  it('keeps checking after a failed check (offline), and stops when told', async () => {
    stop();
    let calls = 0;
    stop = scheduleUpdateChecks(win, doc, () => {
      calls++;
      return Promise.reject(new Error('offline'));
    });
    win.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(calls).toBe(2);
    stop();
    win.dispatchEvent(new Event('focus'));
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS);
    expect(calls).toBe(2);
  });
});
