import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { folderBytes, median, percentile } from '../../../scripts/bench/stats.js';

describe('percentile', () => {
  it('GIVEN 1..100 THEN p50 is 50 and p95 is 95 (nearest rank)', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile(values, 0)).toBe(1);
  });

  it('GIVEN one value THEN every percentile is that value; GIVEN none THEN NaN', () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('THEN it is always a measured value and grows with p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (values, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(values).toContain(percentile(values, low));
          expect(percentile(values, low)).toBeLessThanOrEqual(percentile(values, high));
        },
      ),
    );
  });
});

describe('median', () => {
  it('GIVEN an odd count THEN the middle value; GIVEN an even count THEN the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('folderBytes', () => {
  it('GIVEN files in nested folders THEN it sums all their sizes', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-stats-'));
    try {
      await mkdir(path.join(dir, 'a/b'), { recursive: true });
      await writeFile(path.join(dir, 'one.txt'), 'x'.repeat(10));
      await writeFile(path.join(dir, 'a/two.txt'), 'y'.repeat(20));
      await writeFile(path.join(dir, 'a/b/three.bin'), Buffer.alloc(30));
      expect(await folderBytes(dir)).toBe(60);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
