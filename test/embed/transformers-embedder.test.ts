import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID, defaultModelsDir } from '../../src/embed/load-embedder.js';
import {
  createTransformersEmbedder,
  MAX_CHARS_PER_TOKEN,
  tokenizerInput,
} from '../../src/embed/transformers-embedder.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

describe('createTransformersEmbedder with the bundled model (real transformers.js path)', () => {
  let embedder: Embedder;

  beforeAll(async () => {
    embedder = await createTransformersEmbedder({
      model: BUNDLED_MODEL_ID,
      source: { remote: false, modelsDir: defaultModelsDir() },
      batchSize: 4,
    });
  });
  afterAll(async () => {
    await embedder.dispose();
  });

  it('GIVEN the bundled model THEN it reports its id and 100 dimensions', () => {
    expect(embedder.id).toBe(BUNDLED_MODEL_ID);
    expect(embedder.dimensions).toBe(100);
  });

  it('GIVEN a 6 MB run-on passage THEN it is read only as far as the model reads, to the same vector', async () => {
    // The bundled model reads 2,048 tokens; the tokenizer once split all 6 MB first (2 s).
    const words = 'council budget river minister said paid money Smith London 2025 '.repeat(
      100_000,
    );
    const [whole, prefix] = await embedder.embed([
      words,
      words.slice(0, 2_048 * MAX_CHARS_PER_TOKEN),
    ]);
    expect([...whole!]).toEqual([...prefix!]);
    expect(tokenizerInput(words, 2_048)).toHaveLength(2_048 * MAX_CHARS_PER_TOKEN);
    expect(tokenizerInput('short', 2_048)).toBe('short');
    expect(tokenizerInput(`a${'😀'.repeat(40)}`, 1)).toBe(`a${'😀'.repeat(15)}`);
    expect(tokenizerInput(words, Number.NaN)).toBe(words);
  });

  it('GIVEN ordinary sentences THEN every vector has unit length', async () => {
    const vectors = await embedder.embed([
      'Quarterly profits at the media giant jumped 76%.',
      'The Prime Minister called an early election.',
      'Budget',
      'Scientists unveiled a faster chip for mobile phones on Tuesday.',
    ]);
    expect(vectors).toHaveLength(4);
    for (const vector of vectors) {
      expect(vector).toHaveLength(100);
      expect(norm(vector)).toBeCloseTo(1, 4);
    }
  });

  it('GIVEN paraphrase pairs THEN each scores above every unrelated pairing', async () => {
    const pairs: Array<[string, string]> = [
      [
        'The central bank raised interest rates.',
        'Interest rates were increased by the central bank.',
      ],
      ['The striker scored twice in the cup final.', 'Two goals from the forward won the final.'],
      ['The film won the award for best actress.', 'The movie took the best actress prize.'],
      [
        'Shares fell sharply after the profit warning.',
        'The stock dropped steeply following the warning on profits.',
      ],
    ];
    const left = await embedder.embed(pairs.map(([a]) => a));
    const right = await embedder.embed(pairs.map(([, b]) => b));
    for (let i = 0; i < pairs.length; i++) {
      const paraphrase = dot(left[i]!, right[i]!);
      for (let j = 0; j < pairs.length; j++) {
        if (j !== i) expect(paraphrase).toBeGreaterThan(dot(left[i]!, right[j]!));
      }
    }
  });

  it('GIVEN texts without a known token THEN they get the all-zero vector, never NaN', async () => {
    const texts = [
      '',
      '   ',
      '!!! ... ?',
      'zxqvbl florbnik',
      'Budget plans unveiled',
      '—',
      '\u200b',
    ];
    const vectors = await embedder.embed(texts);
    const zero = new Float32Array(100);
    for (const index of [0, 1, 2, 3, 5, 6]) expect(vectors[index]).toEqual(zero);
    expect(norm(vectors[4]!)).toBeCloseTo(1, 4);
    for (const vector of vectors) expect(vector.every(Number.isFinite)).toBe(true);
  });

  it('GIVEN a batch of only blank texts THEN zero vectors come back without an error', async () => {
    expect(await embedder.embed(['', ' '])).toEqual([new Float32Array(100), new Float32Array(100)]);
    expect(await embedder.embed([])).toEqual([]);
  });

  it('GIVEN many texts of mixed lengths THEN order is kept and batching does not change vectors', async () => {
    const texts = Array.from(
      { length: 11 },
      (_, i) =>
        `${'word '.repeat(11 - i)}election ${['economy', 'football', 'music', 'phones'][i % 4]}`,
    );
    const together = await embedder.embed(texts);
    const oneByOne = await Promise.all(
      texts.map(async (text) => (await embedder.embed([text]))[0]!),
    );
    for (let i = 0; i < texts.length; i++) {
      for (let k = 0; k < 100; k++) expect(together[i]![k]).toBeCloseTo(oneByOne[i]![k]!, 5);
    }
  });

  it('GIVEN accented or upper-case words THEN they match their plain lower-case form', async () => {
    const [accented, plain] = await embedder.embed(['Café RÉSUMÉ', 'cafe resume']);
    expect(dot(accented!, plain!)).toBeCloseTo(1, 5);
  });
});
