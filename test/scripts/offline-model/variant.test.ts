import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, SETTINGS } from '../../../scripts/build-offline-model.js';
import {
  buildStaticModel,
  principalDirections,
  projectRows,
  type SourceVectors,
} from '../../../scripts/offline-model/static-embeddings.js';

describe('build-offline-model --variant', () => {
  it('GIVEN no flag THEN the bundled model, into data/models', () => {
    const args = parseArgs([]);
    expect(args.id).toBe('coverage-bot/glove-sif-100d');
    expect(args.settings).toEqual(SETTINGS);
    expect(args.out.endsWith(path.join('data/models/coverage-bot/glove-sif-100d'))).toBe(true);
  });

  it('GIVEN --variant glove-mean-50d THEN its own id, plain mean, 50 dims, in the git-ignored cache', () => {
    const args = parseArgs(['--variant', 'glove-mean-50d', '--source', '/tmp/x']);
    expect(args.id).toBe('coverage-bot/glove-mean-50d');
    expect(args.settings).toMatchObject({
      weighting: 'none',
      projectTo: 50,
      removeCommonComponent: false,
    });
    expect(args.out.endsWith(path.join('.cache/models/coverage-bot/glove-mean-50d'))).toBe(true);
    expect(args.source).toBe('/tmp/x');
  });

  it('GIVEN variant settings without an id of their own, or an unknown variant THEN an error', () => {
    expect(() => parseArgs(['--no-sif'])).toThrow(/give it its own --id/);
    expect(() => parseArgs(['--variant', 'glove-2d'])).toThrow(/unknown; known: glove-mean-50d/);
  });
});

describe('principal projection', () => {
  // Points spread along (1, 1, 0) a lot, along (1, -1, 0) a little, never along z.
  const rows = new Float32Array(
    [-3, -1, 0, 1, 3].flatMap((t, i) => {
      const s = [0.1, -0.1, 0, -0.1, 0.1][i]!;
      return [t + s, t - s, 0];
    }),
  );

  it('GIVEN points mostly along one axis THEN it comes first, orthogonal unit directions after', () => {
    const [first, second] = principalDirections(rows, 3, 2);
    expect(Math.abs(first![0]!)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(Math.abs(first![1]!)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(first![0]! * first![1]!).toBeGreaterThan(0);
    const dot = first!.reduce((sum, v, i) => sum + v * second![i]!, 0);
    expect(dot).toBeCloseTo(0, 6);
    expect(Math.hypot(...second!)).toBeCloseTo(1, 6);
  });

  it('GIVEN a projection on 2 directions THEN 2 values per row, zero rows stay zero', () => {
    const withZero = new Float32Array([0, 0, 0, ...rows]);
    const projected = projectRows(withZero, 3, principalDirections(rows, 3, 2));
    expect(projected).toHaveLength(12);
    expect([...projected.slice(0, 2)]).toEqual([0, 0]);
  });

  it('GIVEN a build with projectTo THEN the model has that many dimensions and zero reserved rows', () => {
    const words = ['the', 'rates', 'rise', 'bank'];
    const source: SourceVectors = {
      dimensions: 3,
      words,
      vectorOf: (word) => [words.indexOf(word) + 1, 1, words.indexOf(word) % 2],
    };
    const model = buildStaticModel(
      source,
      {
        vocabularySize: 4,
        sifA: 1e-3,
        removeCommonComponent: false,
        weighting: 'none',
        projectTo: 2,
      },
      2,
    );
    expect(model.dimensions).toBe(2);
    expect(model.rows).toHaveLength((4 + 2) * 2);
    expect([...model.rows.slice(0, 4)]).toEqual([0, 0, 0, 0]);
  });
});
