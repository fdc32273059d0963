import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostQueue } from '../../src/fetch/host-queue.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('HostQueue', () => {
  it('GIVEN requests to one host THEN they run one at a time with the pause between; another host is not held up', async () => {
    vi.useFakeTimers();
    const queue = new HostQueue(1_000);
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await Promise.resolve();
      events.push(`end ${name}`);
    };
    const a1 = queue.run('a.example', task('a1'));
    const a2 = queue.run('a.example', task('a2'));
    const b1 = queue.run('b.example', task('b1'));
    await a1;
    await b1;
    await vi.advanceTimersByTimeAsync(999);
    expect(events).toEqual(['start a1', 'start b1', 'end a1', 'end b1']);
    await vi.advanceTimersByTimeAsync(1);
    await a2;
    expect(events.slice(4)).toEqual(['start a2', 'end a2']);
  });

  it('GIVEN a longer pause asked for one request THEN the next request to that host waits for it', async () => {
    vi.useFakeTimers();
    const queue = new HostQueue(1_000);
    const started: string[] = [];
    await queue.run('a.example', () => Promise.resolve(started.push('a1')), 5_000);
    const a2 = queue.run('a.example', () => Promise.resolve(started.push('a2')));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(started).toEqual(['a1']);
    await vi.advanceTimersByTimeAsync(1);
    await a2;
    expect(started).toEqual(['a1', 'a2']);
  });

  it('GIVEN the last request done THEN no timer is left (a CLI run ends at once, not after the pause)', async () => {
    vi.useFakeTimers();
    const queue = new HostQueue(1_000);
    await queue.run('a.example', () => Promise.resolve(1));
    await Promise.resolve();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('GIVEN a failed request THEN the next one to that host still runs', async () => {
    const queue = new HostQueue(0);
    await expect(queue.run('a.example', () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await expect(queue.run('a.example', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
