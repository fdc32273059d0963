import { UserError } from '../errors.js';
import type { Embedder } from './embedder.js';

/**
 * An Embedder whose model is loaded on the first `embed` call. Its id and dimensions are
 * declared up front (from an index manifest), so a caller can decide that nothing needs
 * embedding without paying for loading transformers.js and the model — seconds, for an
 * `npm run ingest` that finds the index up to date.
 */
export function deferredEmbedder(
  declared: { readonly id: string; readonly dimensions: number },
  load: () => Promise<Embedder>,
): Embedder {
  let loading: Promise<Embedder> | undefined;
  const loaded = () =>
    (loading ??= load().then(async (embedder) => {
      if (embedder.id !== declared.id || embedder.dimensions !== declared.dimensions) {
        await embedder.dispose();
        throw new UserError(
          `Expected the model ${declared.id} (${declared.dimensions} dimensions) but loaded ` +
            `${embedder.id} (${embedder.dimensions}). Rebuild the index: npm run ingest -- --force`,
        );
      }
      return embedder;
    }));
  return {
    id: declared.id,
    dimensions: declared.dimensions,
    embed: async (texts) => (await loaded()).embed(texts),
    dispose: async () => {
      if (loading !== undefined) await (await loading.catch(() => undefined))?.dispose();
    },
  };
}
