/**
 * Turns text into vectors. Implementations batch internally; callers pass any number of texts.
 *
 * Contract:
 * - one vector per input, in input order, each of length `dimensions`;
 * - vectors are L2-normalised (unit length) so a dot product is the cosine similarity;
 * - a text with no known token (empty, punctuation only, all out-of-vocabulary words) gets the
 *   all-zero vector: it is similar to nothing (score 0), never NaN.
 *
 * Get one with `loadEmbedder` (load-embedder.ts: model choice, hub download, fallback to the
 * bundled offline model); `createTransformersEmbedder` (transformers-embedder.ts) is the
 * transformers.js implementation underneath.
 */
export interface Embedder {
  /** Model id recorded in the index, e.g. `Xenova/all-MiniLM-L6-v2` or the bundled model's id. */
  readonly id: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Releases the model session. */
  dispose(): Promise<void>;
}
