/**
 * How the evaluation sets are split into a tuning half and a held-out half. Settings are
 * chosen on `tune` only; `test` is reported to show they were not fitted to it.
 */

import { fnv1a } from '../../src/fnv1a.js';

export type Half = 'tune' | 'test';
export const HALVES: readonly Half[] = ['tune', 'test'];

/**
 * The halves of a hand-written set: within each style, in file order, the 1st, 3rd, 5th… item
 * is `tune` and the 2nd, 4th… is `test`. Deterministic, and each style is balanced (the halves
 * differ by at most one item), so a style that is hard for the product weighs the same in both.
 */
export function alternateHalves<T>(items: readonly T[], styleOf: (item: T) => string): Half[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const style = styleOf(item);
    const n = seen.get(style) ?? 0;
    seen.set(style, n + 1);
    return n % 2 === 0 ? 'tune' : 'test';
  });
}

/**
 * The half of a generated headline query, from its article id alone (so that adding or
 * removing other articles never moves it): FNV-1a hash of the id, even → `tune`, odd → `test`.
 */
export function hashHalf(id: string): Half {
  return fnv1a(id) % 2 === 0 ? 'tune' : 'test';
}
