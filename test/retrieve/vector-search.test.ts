import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopK } from '../../src/retrieve/ranked.js';
import { searchVectors } from '../../src/retrieve/vector-search.js';

describe('searchVectors', () => {
  it('GIVEN any matrix THEN it returns the same top k as a full sort', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 1, max: 20 }),
        (dims, values, k) => {
          const rows = Math.floor(values.length / dims);
          const vectors = Float32Array.from(values.slice(0, rows * dims));
          const query = Float32Array.from({ length: dims }, (_, i) => (i % 3) - 1);
          const expected = Array.from({ length: rows }, (_, row) => {
            let dot = 0;
            for (let d = 0; d < dims; d++) dot += vectors[row * dims + d]! * query[d]!;
            return { passage: row, score: dot };
          })
            .sort((a, b) => b.score - a.score || a.passage - b.passage)
            .slice(0, k);
          expect(searchVectors(vectors, dims, query, k)).toEqual(expected);
        },
      ),
    );
  });

  it('GIVEN a filter THEN rejected rows never come back', () => {
    const vectors = Float32Array.from([1, 0, 0.9, 0.1, 0, 1]);
    const hits = searchVectors(vectors, 2, Float32Array.from([1, 0]), 3, (row) => row !== 0);
    expect(hits.map((h) => h.passage)).toEqual([1, 2]);
  });

  it('GIVEN a query of the wrong size THEN it fails loudly', () => {
    expect(() => searchVectors(new Float32Array(4), 2, new Float32Array(3), 1)).toThrow(
      /dimensions/,
    );
  });
});

describe('TopK', () => {
  it('GIVEN a limit of 0 THEN it keeps nothing', () => {
    const top = new TopK(0);
    top.push(1, 5);
    expect(top.sorted()).toEqual([]);
  });
});
