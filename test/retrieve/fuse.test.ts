import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../src/retrieve/fuse.js';

const list = (...passages: number[]) => passages.map((passage, i) => ({ passage, score: 10 - i }));

describe('reciprocalRankFusion', () => {
  it('GIVEN an item ranked well by both signals THEN it beats items ranked first by only one', () => {
    const fused = reciprocalRankFusion([list(1, 2, 3), list(4, 2, 5)]);
    expect(fused[0]!.passage).toBe(2);
  });

  it('GIVEN weights THEN the heavier list decides between single-list items', () => {
    const fused = reciprocalRankFusion([list(1), list(2)], { weights: [1, 2] });
    expect(fused.map((h) => h.passage)).toEqual([2, 1]);
  });

  it('GIVEN any lists THEN every item appears once, scores descending', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.nat(50), { maxLength: 20 }), { maxLength: 3 }),
        (lists) => {
          const fused = reciprocalRankFusion(lists.map((l) => list(...l)));
          const ids = fused.map((h) => h.passage);
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(ids)).toEqual(new Set(lists.flat()));
          for (let i = 1; i < fused.length; i++) {
            expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
          }
        },
      ),
    );
  });
});
