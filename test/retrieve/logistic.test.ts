import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, logisticScore } from '../../src/retrieve/logistic.js';

describe('fitLogistic', () => {
  it('GIVEN separable data THEN it scores every positive above every negative', () => {
    const x = [[0.1], [0.2], [0.3], [0.7], [0.8], [0.9]];
    const y = [0, 0, 0, 1, 1, 1] as const;
    const model = fitLogistic(x, y);
    const scores = x.map((row) => logisticScore(model, row));
    expect(Math.min(...scores.slice(3))).toBeGreaterThan(Math.max(...scores.slice(0, 3)));
  });

  it('GIVEN a sign constraint THEN the weight never takes the forbidden side', () => {
    // The second feature is anti-correlated with the label; constrained to ≥ 0 it must be 0.
    const x = [
      [0.1, 0.9],
      [0.2, 0.8],
      [0.8, 0.2],
      [0.9, 0.1],
    ];
    const y = [0, 0, 1, 1] as const;
    const model = fitLogistic(x, y, {
      l2: 0.01,
      iterations: 500,
      learningRate: 0.5,
      signs: [1, 1],
    });
    expect(model.weights[1]).toBe(0);
    expect(model.weights[0]).toBeGreaterThan(0);
  });

  it('GIVEN one label only THEN it refuses', () => {
    expect(() => fitLogistic([[1], [2]], [1, 1])).toThrow(/both labels/);
  });

  it('GIVEN any data THEN the same data gives the same model (deterministic)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.boolean()), {
          minLength: 4,
          maxLength: 20,
        }),
        (rows) => {
          const x = rows.map(([v]) => [v]);
          const y = rows.map(([, label], i) => (i === 0 ? 1 : i === 1 ? 0 : label ? 1 : 0));
          const a = fitLogistic(x, y, { l2: 0.01, iterations: 50, learningRate: 0.5 });
          const b = fitLogistic(x, y, { l2: 0.01, iterations: 50, learningRate: 0.5 });
          expect(a).toEqual(b);
          expect(Number.isFinite(a.bias)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});
