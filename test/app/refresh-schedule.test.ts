import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startLiveUpdates } from '../../src/app/live-updates.js';
import { startRefreshSchedule } from '../../src/app/refresh-schedule.js';
import { memoryLogger } from '../../src/log.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A refresh that counts its calls and finishes when the test says so. */
function controlledRefresh() {
  let calls = 0;
  let finish = () => {};
  return {
    calls: () => calls,
    finish: () => finish(),
    refresh: () => {
      calls += 1;
      return new Promise<void>((resolve) => (finish = resolve));
    },
  };
}

describe('GIVEN a refresh schedule every 6 seconds (FEED_POLL_MINUTES=0.1)', () => {
  it('WHEN time passes THEN it refreshes once per interval, timed from the end of the previous run', async () => {
    const work = controlledRefresh();
    const schedule = startRefreshSchedule({ intervalMs: 6_000, refresh: work.refresh });
    await vi.advanceTimersByTimeAsync(5_999);
    expect(work.calls()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(work.calls()).toBe(1);
    // A slow run: no second run starts while it lasts, however long.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(work.calls()).toBe(1);
    work.finish();
    await vi.advanceTimersByTimeAsync(5_999);
    expect(work.calls()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(work.calls()).toBe(2);
    schedule.stop();
  });

  it('WHEN runNow is set THEN the first refresh runs at once', async () => {
    const work = controlledRefresh();
    const schedule = startRefreshSchedule({
      intervalMs: 6_000,
      refresh: work.refresh,
      runNow: true,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(work.calls()).toBe(1);
    schedule.stop();
  });

  it('WHEN stopped THEN no further refresh runs, even after a run in progress ends', async () => {
    const work = controlledRefresh();
    const schedule = startRefreshSchedule({ intervalMs: 6_000, refresh: work.refresh });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(work.calls()).toBe(1);
    schedule.stop();
    work.finish();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(work.calls()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('WHEN a timer is pending THEN it does not keep the process alive (unref)', () => {
    vi.useRealTimers();
    const spy = vi.spyOn(globalThis, 'setTimeout');
    const schedule = startRefreshSchedule({ intervalMs: 6_000, refresh: async () => {} });
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    schedule.stop();
    spy.mockRestore();
  });
});

describe('GIVEN live updates', () => {
  it('WHEN FEED_POLL_MINUTES is 0 THEN nothing is scheduled and the log says so', async () => {
    const log = memoryLogger();
    const work = controlledRefresh();
    const updates = startLiveUpdates({
      coverage: { refresh: async () => (work.refresh(), { outcome: 'unchanged', seconds: 0 }) },
      dataDir: '/nonexistent',
      indexDir: '/nonexistent-index',
      pollMinutes: 0,
      log,
    });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(work.calls()).toBe(0);
    expect(log.lines.join('\n')).toContain('FEED_POLL_MINUTES=0');
    updates.stop();
  });

  it('WHEN polling every 0.1 min THEN it refreshes at start, then every 6 s with the fetch step', async () => {
    const log = memoryLogger();
    const requests: unknown[] = [];
    const updates = startLiveUpdates({
      coverage: {
        refresh: async (options) => {
          requests.push(options);
          return { outcome: 'unchanged', seconds: 0 };
        },
      },
      dataDir: '/nonexistent',
      indexDir: '/nonexistent-index',
      pollMinutes: 0.1,
      log,
      watch: false,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(12_000);
    expect(requests).toEqual([undefined, undefined, undefined]);
    updates.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(3);
    expect(log.lines).toContain('info: Checking for new articles every 0.1 min.');
  });
});
