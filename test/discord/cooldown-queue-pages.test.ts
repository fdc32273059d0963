import { describe, expect, it } from 'vitest';
import {
  createAnswerPages,
  pageButtonId,
  parsePageButtonId,
} from '../../src/discord/answer-pages.js';
import { createCooldown } from '../../src/discord/cooldown.js';
import { createTaskQueue } from '../../src/discord/task-queue.js';
import { seedAnswer } from './fake-coverage.js';

describe('createCooldown', () => {
  it('GIVEN a user who just asked THEN they wait the rest of the period; others do not', () => {
    let now = 0;
    const cooldown = createCooldown(10, () => now);
    expect(cooldown.take('a')).toEqual({ ok: true });
    now = 4_000;
    expect(cooldown.take('a')).toEqual({ ok: false, retryAfterMs: 6_000 });
    expect(cooldown.take('b')).toEqual({ ok: true });
    now = 10_000;
    expect(cooldown.take('a')).toEqual({ ok: true });
  });
});

describe('createTaskQueue', () => {
  it('GIVEN more tasks than its concurrency THEN at most that many run at once, in order, and all finish', async () => {
    const queue = createTaskQueue(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 6 }, (_, index) =>
      queue.run(async () => {
        started.push(index);
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return index * 10;
      }),
    );
    expect(queue.size).toBe(6);
    expect(await Promise.all(tasks)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(queue.size).toBe(0);
  });

  it('GIVEN a failing task THEN its caller gets the error and the queue keeps going', async () => {
    const queue = createTaskQueue(1);
    const failing = queue.run(() => Promise.reject(new Error('boom')));
    const next = queue.run(async () => 'next');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });

  it('GIVEN a bad concurrency THEN it refuses early', () => {
    expect(() => createTaskQueue(0)).toThrow(/concurrency/);
  });
});

describe('createAnswerPages', () => {
  const stored = { answer: seedAnswer('q'), askerId: 'u', pageSize: 1, elapsedMs: 5 };

  it('GIVEN a stored answer THEN it is found until it expires', () => {
    let now = 0;
    const pages = createAnswerPages(1_000, 10, () => now);
    pages.put('k', stored);
    expect(pages.get('k')).toBe(stored);
    now = 1_000;
    expect(pages.get('k')).toBeUndefined();
  });

  it('GIVEN more entries than the maximum THEN the oldest are dropped', () => {
    const pages = createAnswerPages(60_000, 2, () => 0);
    pages.put('a', stored);
    pages.put('b', stored);
    pages.put('c', stored);
    expect(pages.get('a')).toBeUndefined();
    expect(pages.get('c')).toBe(stored);
  });

  it('GIVEN a button id THEN it round-trips; other ids are not paging buttons', () => {
    expect(parsePageButtonId(pageButtonId('1234567890123456789', 2))).toEqual({
      key: '1234567890123456789',
      page: 2,
    });
    expect(parsePageButtonId('sources:1')).toBeUndefined();
    expect(parsePageButtonId('page:x:-1')).toBeUndefined();
  });
});
