import { pipeline, type FeatureExtractionPipeline, type Tensor } from '@huggingface/transformers';
import type { Embedder } from './embedder.js';
import { meanPool } from './mean-pool.js';
import { withModelSource, type ModelSourceSettings } from './transformers-env.js';

/** Options of {@link createTransformersEmbedder}. */
export interface TransformersEmbedderOptions {
  /** Model id: a folder under `source.modelsDir`, or a hub id when `source.remote`. */
  readonly model: string;
  /** Where the model files may come from (see transformers-env.ts). */
  readonly source: ModelSourceSettings;
  /** Where hub downloads are cached; files found there are used without the network. */
  readonly cacheDir?: string;
  /**
   * ONNX weights variant. Default `q8` (`onnx/model_quantized.onnx`): the bundled model ships
   * only that file, and for hub models it is a quarter of the download at almost the same
   * quality.
   */
  readonly dtype?: 'q8' | 'fp32' | 'fp16';
  /** Texts per model call. Default 64. */
  readonly batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 64;

/**
 * Characters given to the tokenizer per token the model reads (`model_max_length`). The
 * tokenizer splits a whole text before it truncates it: one article line of 5.7 MB (a passage
 * that is a single run-on "sentence") cost 2 s of every question that pooled it, and most of
 * a 90 s ingest. English runs at 4–6 characters a token; at 32 only a text of absurdly long
 * "words" or of characters the tokenizer drops loses a token it would have read.
 */
export const MAX_CHARS_PER_TOKEN = 32;

/** `text` cut to what a model reading at most `maxTokens` tokens can use of it. */
export function tokenizerInput(text: string, maxTokens: number): string {
  const limit =
    Number.isFinite(maxTokens) && maxTokens > 0 ? maxTokens * MAX_CHARS_PER_TOKEN : Infinity;
  if (text.length <= limit) return text;
  // Not between the halves of a surrogate pair.
  const end = (text.charCodeAt(limit - 1) & 0xfc00) === 0xd800 ? limit - 1 : limit;
  return text.slice(0, end);
}

/**
 * Loads a feature-extraction model with transformers.js and wraps it as an {@link Embedder}
 * (mean pooling, L2 normalisation). Rejects with the library's error when the model cannot be
 * loaded; choosing and explaining is the caller's job (see load-embedder.ts).
 */
export async function createTransformersEmbedder(
  options: TransformersEmbedderOptions,
): Promise<Embedder> {
  const extractor = await withModelSource(
    options.source,
    () =>
      pipeline('feature-extraction', options.model, {
        dtype: options.dtype ?? 'q8',
        local_files_only: !options.source.remote,
        ...(options.cacheDir === undefined ? {} : { cache_dir: options.cacheDir }),
      }),
    options.cacheDir,
  );
  const dimensions = await probeDimensions(extractor);
  return new TransformersEmbedder(
    extractor,
    options.model,
    dimensions,
    options.batchSize ?? DEFAULT_BATCH_SIZE,
  );
}

/** Hidden size read from the model's output, so config files cannot disagree with it. */
async function probeDimensions(extractor: FeatureExtractionPipeline): Promise<number> {
  const output = await extractor(['dimension probe'], { pooling: 'mean', normalize: true });
  const dimensions = output.dims[1];
  if (output.dims.length !== 2 || dimensions === undefined || dimensions < 1) {
    throw new Error(
      `embedding model returned shape [${output.dims.join(', ')}]; expected [texts, dimensions]`,
    );
  }
  return dimensions;
}

class TransformersEmbedder implements Embedder {
  constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly id: string,
    readonly dimensions: number,
    private readonly batchSize: number,
  ) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const vectors = texts.map(() => new Float32Array(this.dimensions));
    // Blank texts stay zero without a model call: they have no token at all, and a batch of
    // only blank texts would give the model a zero-length sequence.
    // Sorting by length keeps texts of similar length in one batch, so little padding is
    // computed; results are written back by original position.
    const order = texts
      .map((text, index) => ({ text, index }))
      .filter(({ text }) => text.trim() !== '')
      .sort((a, b) => a.text.length - b.text.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const batch = order.slice(start, start + this.batchSize);
      // The pipeline's own steps (tokenise with padding and truncation, run the model), then
      // mean-pool.ts instead of its per-value BigInt pooling.
      const maxTokens = Number(this.extractor.tokenizer.model_max_length);
      const inputs = this.extractor.tokenizer(
        batch.map(({ text }) => tokenizerInput(text, maxTokens)),
        { padding: true, truncation: true },
      );
      const outputs = (await this.extractor.model(inputs)) as Record<string, Tensor | undefined>;
      const hidden = outputs.last_hidden_state ?? outputs.logits ?? outputs.token_embeddings;
      const mask = (inputs as { attention_mask?: Tensor }).attention_mask;
      if (hidden === undefined || mask === undefined || hidden.dims.length !== 3) {
        throw new Error(`embedding model ${this.id} returned no token vectors`);
      }
      const pooled = meanPool(
        { data: hidden.data as Float32Array, dims: hidden.dims },
        mask.data as BigInt64Array,
      );
      batch.forEach(({ index }, row) => {
        const vector = pooled[row];
        if (vector !== undefined && vector.length === this.dimensions) vectors[index]!.set(vector);
        // Otherwise the text had no known token and the vector stays all-zero, as the
        // Embedder contract promises.
      });
    }
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}
