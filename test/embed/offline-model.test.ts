import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_MODEL_ID, defaultModelsDir } from '../../src/embed/load-embedder.js';
import { createTransformersEmbedder } from '../../src/embed/transformers-embedder.js';
import { encodeLookupModel } from '../../scripts/offline-model/onnx-graph.js';
import {
  buildStaticModel,
  firstPrincipalDirection,
  isSingleBertToken,
  quantizeRows,
  removeDirection,
} from '../../scripts/offline-model/static-embeddings.js';
import {
  RESERVED_TOKENS,
  modelConfigJson,
  tokenizerConfigJson,
  tokenizerJson,
} from '../../scripts/offline-model/tokenizer-files.js';

const bundledDir = path.join(defaultModelsDir(), BUNDLED_MODEL_ID);

describe('the bundled model files', () => {
  it('GIVEN the committed model folder THEN it stays within 8 MB', () => {
    const bytes = readdirSync(bundledDir, { recursive: true, encoding: 'utf8' })
      .map((name) => statSync(path.join(bundledDir, name)))
      .filter((stat) => stat.isFile())
      .reduce((sum, stat) => sum + stat.size, 0);
    expect(bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
  });

  it('GIVEN the tokenizer files THEN max length is set, there is no post-processor and no ## pieces', () => {
    const config = JSON.parse(readFileSync(path.join(bundledDir, 'tokenizer_config.json'), 'utf8'));
    expect(config.model_max_length).toBeGreaterThan(0);
    const tokenizer = JSON.parse(readFileSync(path.join(bundledDir, 'tokenizer.json'), 'utf8'));
    expect(tokenizer.post_processor).toBeNull();
    expect(tokenizer.normalizer).toMatchObject({ type: 'BertNormalizer', lowercase: true });
    const words = Object.keys(tokenizer.model.vocab);
    expect(words.length).toBeGreaterThan(40_000);
    expect(words.filter((word) => word.startsWith('##'))).toEqual([]);
    expect(JSON.parse(readFileSync(path.join(bundledDir, 'config.json'), 'utf8')).model_type).toBe(
      'bert',
    );
  });
});

describe('isSingleBertToken', () => {
  it('GIVEN words the BERT pre-tokenizer keeps whole THEN true, else false', () => {
    for (const word of ['economy', '2004', 'uber', '中'])
      expect(isSingleBertToken(word)).toBe(true);
    for (const word of ['u.s.', "n't", ',', 'café', 'Paris', 'e-mail', '中国', '']) {
      expect(isSingleBertToken(word)).toBe(false);
    }
  });
});

describe('static model arithmetic', () => {
  const row = fc.array(fc.float({ min: -4, max: 4, noNaN: true }), { minLength: 8, maxLength: 8 });

  it('GIVEN any rows THEN int8 quantisation is within half a step of the original', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
        const flat = Float32Array.from(rows.flat());
        const { values, scales } = quantizeRows(flat, 8);
        flat.forEach((value, i) => {
          const scale = scales[Math.floor(i / 8)]!;
          expect(Math.abs(values[i]! * scale - value)).toBeLessThanOrEqual(scale / 2 + 1e-6);
        });
      }),
    );
  });

  it('GIVEN a removed direction THEN every row is orthogonal to it', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 20 }), (rows) => {
        const flat = Float32Array.from(rows.flat());
        const direction = firstPrincipalDirection(
          flat,
          8,
          rows.map(() => 1),
        );
        removeDirection(flat, 8, direction);
        for (let base = 0; base < flat.length; base += 8) {
          let projection = 0;
          for (let i = 0; i < 8; i++) projection += flat[base + i]! * direction[i]!;
          expect(Math.abs(projection)).toBeLessThan(1e-3);
        }
      }),
    );
  });

  it('GIVEN rows that all share one offset THEN the principal direction is that offset', () => {
    const rows = Float32Array.from([5, 0.1, 0, 5, -0.1, 0, 5, 0, 0.1]);
    const direction = firstPrincipalDirection(rows, 3, [1, 1, 1]);
    expect(Math.abs(direction[0]!)).toBeCloseTo(1, 3);
  });
});

describe('a tiny model written by the build code', () => {
  const modelsDir = mkdtempSync(path.join(tmpdir(), 'coverage-bot-tiny-model-'));
  afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

  it('GIVEN known rows THEN transformers.js returns the normalised mean of the known words', async () => {
    const words = ['alpha', 'beta', 'gamma'];
    const vectors: Record<string, number[]> = {
      alpha: [1, 0, 0, 0],
      beta: [0, 2, 0, 0],
      gamma: [0, 0, 0, -3],
    };
    const model = buildStaticModel(
      { dimensions: 4, words, vectorOf: (word) => vectors[word] },
      // A huge `a` makes every SIF weight 1, so the rows are the vectors above.
      { vocabularySize: 10, sifA: 1e12, removeCommonComponent: false },
      RESERVED_TOKENS.length,
    );
    const folder = path.join(modelsDir, 'test/tiny');
    mkdirSync(path.join(folder, 'onnx'), { recursive: true });
    writeFileSync(
      path.join(folder, 'onnx/model_quantized.onnx'),
      encodeLookupModel(quantizeRows(model.rows, 4), 4, 'tiny test model'),
    );
    writeFileSync(path.join(folder, 'config.json'), JSON.stringify(modelConfigJson(4, 5)));
    writeFileSync(path.join(folder, 'tokenizer.json'), JSON.stringify(tokenizerJson(model.words)));
    writeFileSync(
      path.join(folder, 'tokenizer_config.json'),
      JSON.stringify(tokenizerConfigJson()),
    );

    const embedder = await createTransformersEmbedder({
      model: 'test/tiny',
      source: { remote: false, modelsDir },
    });
    const [alphaBeta, gammaUnknown, unknown] = await embedder.embed([
      'Alpha, BETA!',
      'gamma delta',
      'delta',
    ]);
    await embedder.dispose();
    const expected = [1, 2, 0, 0].map((x) => x / Math.sqrt(5));
    expected.forEach((value, i) => expect(alphaBeta![i]).toBeCloseTo(value, 5));
    // An unknown word adds a zero row: it shrinks the mean but not its direction.
    expect(Array.from(gammaUnknown!)).toEqual([0, 0, 0, -1]);
    expect(Array.from(unknown!)).toEqual([0, 0, 0, 0]);
  });
});
