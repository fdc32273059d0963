/**
 * The arithmetic of the bundled static embedding model (the Model2Vec idea on GloVe vectors):
 * choose a vocabulary, bake SIF frequency weights into each row, remove the common component,
 * quantise to int8 with a per-row scale. Pure functions over plain arrays, so they can be
 * checked without the 300 MB source package.
 */

/** Source vectors in frequency order (most frequent word first). */
export interface SourceVectors {
  readonly dimensions: number;
  /** Words, most frequent first; the position is the frequency rank. */
  readonly words: readonly string[];
  /** Vector of a word (length `dimensions`), or undefined when the source has none. */
  vectorOf(word: string): ArrayLike<number> | undefined;
}

/** A chosen word with its frequency rank in the full source vocabulary (0 = most frequent). */
export interface VocabularyWord {
  readonly word: string;
  readonly rank: number;
}

const COMBINING_MARK = /\p{M}/u;
const LETTERS_OR_DIGITS = /^[\p{L}\p{N}]+$/u;
// BertPreTokenizer splits every CJK ideograph into its own token; a multi-character CJK
// entry could never be produced, so those words are left out.
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2fa1f}]/u;

/**
 * True when the tokenizer (BertNormalizer with lowercase + accent stripping, then
 * BertPreTokenizer, which splits on whitespace and punctuation) can produce `word` as one
 * token. Punctuation-only tokens are left out on purpose: a punctuation-only text then has no
 * known token and embeds to the zero vector, as the Embedder contract says.
 */
export function isSingleBertToken(word: string): boolean {
  if (!LETTERS_OR_DIGITS.test(word)) return false;
  if (word !== word.toLowerCase()) return false;
  if (COMBINING_MARK.test(word.normalize('NFD'))) return false;
  if (CJK.test(word) && [...word].length > 1) return false;
  return true;
}

/** The `size` most frequent source words that the tokenizer can produce as single tokens. */
export function selectVocabulary(source: SourceVectors, size: number): VocabularyWord[] {
  const chosen: VocabularyWord[] = [];
  for (let rank = 0; rank < source.words.length && chosen.length < size; rank++) {
    const word = source.words[rank];
    if (word === undefined || !isSingleBertToken(word)) continue;
    if (source.vectorOf(word) === undefined) continue;
    chosen.push({ word, rank });
  }
  return chosen;
}

/**
 * Unigram probability estimated from the frequency rank with Zipf's law,
 * p(rank) = 1 / ((rank + 1) · H(n)), where H(n) is the n-th harmonic number. GloVe ships its
 * vocabulary in frequency order but without counts; Zipf is the usual stand-in.
 */
export function zipfProbability(rank: number, vocabularySize: number): number {
  // H(n) ≈ ln n + γ + 1/(2n): exact enough for n in the hundreds of thousands.
  const harmonic = Math.log(vocabularySize) + 0.5772156649 + 1 / (2 * vocabularySize);
  return 1 / ((rank + 1) * harmonic);
}

/** SIF weight a / (a + p(w)) (Arora et al. 2017): frequent words count for little. */
export function sifWeight(probability: number, a: number): number {
  return a / (a + probability);
}

/**
 * First principal direction (uncentred) of the rows, each row weighted by `rowWeights[i]`,
 * found by power iteration on the d×d matrix Σ wᵢ xᵢ xᵢᵀ. With the word probabilities as
 * weights this is the direction a typical sentence mean leans towards — SIF's "common
 * component".
 */
export function firstPrincipalDirection(
  rows: Float32Array,
  dimensions: number,
  rowWeights: ArrayLike<number>,
  iterations = 100,
): Float64Array {
  const count = rows.length / dimensions;
  const scatter = new Float64Array(dimensions * dimensions);
  for (let r = 0; r < count; r++) {
    const weight = rowWeights[r] ?? 0;
    const base = r * dimensions;
    for (let i = 0; i < dimensions; i++) {
      const xi = (rows[base + i] ?? 0) * weight;
      for (let j = 0; j < dimensions; j++) {
        scatter[i * dimensions + j]! += xi * (rows[base + j] ?? 0);
      }
    }
  }
  let direction = new Float64Array(dimensions).fill(1 / Math.sqrt(dimensions));
  for (let step = 0; step < iterations; step++) {
    const next = new Float64Array(dimensions);
    for (let i = 0; i < dimensions; i++) {
      let sum = 0;
      for (let j = 0; j < dimensions; j++) sum += scatter[i * dimensions + j]! * direction[j]!;
      next[i] = sum;
    }
    const norm = Math.hypot(...next);
    if (norm === 0) return direction;
    for (let i = 0; i < dimensions; i++) next[i]! /= norm;
    direction = next;
  }
  return direction;
}

/** Subtracts from every row its projection on the unit vector `direction`, in place. */
export function removeDirection(
  rows: Float32Array,
  dimensions: number,
  direction: ArrayLike<number>,
): void {
  for (let base = 0; base < rows.length; base += dimensions) {
    let dot = 0;
    for (let i = 0; i < dimensions; i++) dot += rows[base + i]! * (direction[i] ?? 0);
    for (let i = 0; i < dimensions; i++) rows[base + i]! -= dot * (direction[i] ?? 0);
  }
}

/** Rows stored as int8 with one float scale per row: value ≈ q · scale. */
export interface QuantizedRows {
  readonly values: Int8Array;
  readonly scales: Float32Array;
}

/** Symmetric per-row int8 quantisation; an all-zero row gets scale 0 (and stays zero). */
export function quantizeRows(rows: Float32Array, dimensions: number): QuantizedRows {
  const count = rows.length / dimensions;
  const values = new Int8Array(rows.length);
  const scales = new Float32Array(count);
  for (let r = 0; r < count; r++) {
    const base = r * dimensions;
    let maxAbs = 0;
    for (let i = 0; i < dimensions; i++) maxAbs = Math.max(maxAbs, Math.abs(rows[base + i]!));
    if (maxAbs === 0) continue;
    const scale = maxAbs / 127;
    scales[r] = scale;
    for (let i = 0; i < dimensions; i++) values[base + i] = Math.round(rows[base + i]! / scale);
  }
  return { values, scales };
}

/**
 * The first `count` principal directions of the rows (centred, equal weights), by power
 * iteration with deflation on the d×d covariance matrix: the axes a projection to fewer
 * dimensions keeps. Unit vectors, strongest first.
 */
export function principalDirections(
  rows: Float32Array,
  dimensions: number,
  count: number,
  iterations = 200,
): Float64Array[] {
  const n = rows.length / dimensions;
  const mean = new Float64Array(dimensions);
  for (let base = 0; base < rows.length; base += dimensions) {
    for (let i = 0; i < dimensions; i++) mean[i]! += rows[base + i]! / n;
  }
  const covariance = new Float64Array(dimensions * dimensions);
  const centred = new Float64Array(dimensions);
  for (let base = 0; base < rows.length; base += dimensions) {
    for (let i = 0; i < dimensions; i++) centred[i] = rows[base + i]! - mean[i]!;
    for (let i = 0; i < dimensions; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      for (let j = 0; j < dimensions; j++) covariance[i * dimensions + j]! += ci * centred[j]!;
    }
  }
  const directions: Float64Array[] = [];
  for (let k = 0; k < Math.min(count, dimensions); k++) {
    // A start vector not orthogonal to the wanted direction: all ones, nudged per k.
    let v = new Float64Array(dimensions).map((_, i) => 1 + ((i * (k + 1)) % 7) / 10);
    for (let step = 0; step < iterations; step++) {
      const next = new Float64Array(dimensions);
      for (let i = 0; i < dimensions; i++) {
        let sum = 0;
        for (let j = 0; j < dimensions; j++) sum += covariance[i * dimensions + j]! * v[j]!;
        next[i] = sum;
      }
      // Deflate: keep the iterate orthogonal to the directions already found.
      for (const d of directions) {
        let dot = 0;
        for (let i = 0; i < dimensions; i++) dot += next[i]! * d[i]!;
        for (let i = 0; i < dimensions; i++) next[i]! -= dot * d[i]!;
      }
      const norm = Math.hypot(...next);
      if (norm === 0) break;
      for (let i = 0; i < dimensions; i++) next[i]! /= norm;
      v = next;
    }
    directions.push(v);
  }
  return directions;
}

/** Each row projected on `directions`: a rows × directions.length table. */
export function projectRows(
  rows: Float32Array,
  dimensions: number,
  directions: readonly ArrayLike<number>[],
): Float32Array {
  const count = rows.length / dimensions;
  const out = new Float32Array(count * directions.length);
  for (let r = 0; r < count; r++) {
    directions.forEach((d, k) => {
      let dot = 0;
      for (let i = 0; i < dimensions; i++) dot += rows[r * dimensions + i]! * (d[i] ?? 0);
      out[r * directions.length + k] = dot;
    });
  }
  return out;
}

/** Settings of the static model build. */
export interface StaticModelSettings {
  /** How many words to keep. */
  readonly vocabularySize: number;
  /** SIF smoothing constant `a`. */
  readonly sifA: number;
  /** Whether to remove the common component after weighting. */
  readonly removeCommonComponent: boolean;
  /**
   * `sif` (default): rows weighted a / (a + p(w)); `none`: the source vectors as they are, so
   * a text embeds to the plain mean of its word vectors.
   */
  readonly weighting?: 'sif' | 'none';
  /** Project the rows on their first principal directions, down to this many dimensions. */
  readonly projectTo?: number;
}

/** The finished table: row i belongs to `words[i - reservedRows]`; reserved rows are zero. */
export interface StaticModel {
  readonly words: readonly string[];
  readonly dimensions: number;
  readonly reservedRows: number;
  readonly rows: Float32Array;
}

/**
 * Builds the weighted, de-biased float table. `reservedRows` zero rows come first (for
 * `[PAD]` and `[UNK]`): unknown words contribute nothing to a mean.
 */
export function buildStaticModel(
  source: SourceVectors,
  settings: StaticModelSettings,
  reservedRows: number,
): StaticModel {
  const { dimensions } = source;
  const vocabulary = selectVocabulary(source, settings.vocabularySize);
  const rows = new Float32Array((vocabulary.length + reservedRows) * dimensions);
  const probabilities = new Float64Array(vocabulary.length + reservedRows);
  vocabulary.forEach(({ word, rank }, index) => {
    const probability = zipfProbability(rank, source.words.length);
    probabilities[index + reservedRows] = probability;
    const weight = settings.weighting === 'none' ? 1 : sifWeight(probability, settings.sifA);
    const vector = source.vectorOf(word)!;
    const base = (index + reservedRows) * dimensions;
    for (let i = 0; i < dimensions; i++) rows[base + i] = (vector[i] ?? 0) * weight;
  });
  if (settings.removeCommonComponent) {
    removeDirection(rows, dimensions, firstPrincipalDirection(rows, dimensions, probabilities));
  }
  const words = vocabulary.map(({ word }) => word);
  const target = settings.projectTo;
  if (target === undefined || target >= dimensions)
    return { words, dimensions, reservedRows, rows };
  // Directions from the word rows only: the reserved rows are zero and stay zero.
  const directions = principalDirections(
    rows.subarray(reservedRows * dimensions),
    dimensions,
    target,
  );
  return {
    words,
    dimensions: target,
    reservedRows,
    rows: projectRows(rows, dimensions, directions),
  };
}
