import { pipeline } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { defaultModelsDir, BUNDLED_MODEL_ID } from '../../src/embed/load-embedder.js';
import { meanPool } from '../../src/embed/mean-pool.js';
import { createTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { withModelSource } from '../../src/embed/transformers-env.js';

describe('meanPool', () => {
  it('GIVEN padded token vectors and an int64 mask THEN each text is the unit mean of its own tokens', () => {
    // Two texts of up to three tokens in two dimensions; the second has one padding token.
    const data = [1, 0, 0, 1, 1, 1, 3, 4, 3, 4, 100, 100];
    const pooled = meanPool(
      { data, dims: [2, 3, 2] },
      BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 0n]),
    );
    const s = Math.SQRT1_2;
    expect(Array.from(pooled[0]!)).toEqual([expect.closeTo(s, 6), expect.closeTo(s, 6)]);
    expect(Array.from(pooled[1]!)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  it('GIVEN a text with no unmasked token or only zero vectors THEN it has no vector', () => {
    const pooled = meanPool({ data: [0, 0, 5, 5], dims: [2, 1, 2] }, [1, 0]);
    expect(pooled).toEqual([undefined, undefined]);
  });
});

describe('the embedder pools as transformers.js does', () => {
  it("GIVEN the bundled model THEN its vectors equal the pipeline's own mean pooling and normalisation", async () => {
    const source = { remote: false as const, modelsDir: defaultModelsDir() };
    const texts = [
      'Quarterly profits at the media giant jumped 76%.',
      'Budget',
      'The Prime Minister called an early election on Tuesday, weeks before the deadline.',
      'zzqxv',
    ];
    const embedder = await createTransformersEmbedder({ model: BUNDLED_MODEL_ID, source });
    const extractor = await withModelSource(source, () =>
      pipeline('feature-extraction', BUNDLED_MODEL_ID, { dtype: 'q8', local_files_only: true }),
    );
    try {
      const ours = await embedder.embed(texts);
      const theirs = await extractor(texts, { pooling: 'mean', normalize: true });
      const dims = embedder.dimensions;
      ours.forEach((vector, i) => {
        const row = Array.from((theirs.data as Float32Array).subarray(i * dims, (i + 1) * dims));
        // The library divides 0 by 0 for a text with no known word; the contract is zeros.
        const expected = row.map((x) => (Number.isFinite(x) ? x : 0));
        Array.from(vector).forEach((x, d) => expect(x).toBeCloseTo(expected[d]!, 5));
      });
      expect(Array.from(ours[3]!).every((x) => x === 0)).toBe(true);
    } finally {
      await embedder.dispose();
      await extractor.dispose();
    }
  });
});
