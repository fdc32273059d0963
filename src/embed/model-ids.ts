/**
 * Model names, kept apart from the loader so that code which only compares names (the ingest
 * CLI deciding whether anything must be embedded at all) does not load transformers.js.
 */

/** Id of the bundled offline model; its files are in `data/models/coverage-bot/glove-sif-100d/`. */
export const BUNDLED_MODEL_ID = 'coverage-bot/glove-sif-100d';
/** What `EMBEDDING_MODEL=bundled` (or `--model bundled`) means. */
export const BUNDLED_MODEL_ALIAS = 'bundled';
/** The model used when nobody chose one and the hub can be reached (or it is cached). */
export const DEFAULT_HUB_MODEL_ID = 'Xenova/all-MiniLM-L6-v2';

/** Maps the `bundled` alias to {@link BUNDLED_MODEL_ID}; other ids are returned trimmed. */
export function canonicalModelId(model: string): string {
  const trimmed = model.trim();
  return trimmed.toLowerCase() === BUNDLED_MODEL_ALIAS ? BUNDLED_MODEL_ID : trimmed;
}
