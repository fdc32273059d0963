import type { CoreConfig } from '../config.js';
import { deferredEmbedder } from '../embed/deferred-embedder.js';
import type { Embedder } from '../embed/embedder.js';
import type { LoadEmbedderOptions } from '../embed/load-embedder.js';
import { canonicalModelId } from '../embed/model-ids.js';
import type { Manifest } from '../store/corpus-index.js';

/**
 * The model an ingest embeds with. An explicit choice wins; else the index's own model,
 * explicitly, so an unreachable hub never silently swaps models (which would re-embed
 * everything); else the default. Staying with the index's model, it is loaded only if
 * something turns out to need embedding.
 */
export async function embedderForIngest(
  config: Pick<CoreConfig, 'embeddingModel' | 'modelCacheDir' | 'hubTimeoutMs'>,
  existing: Manifest | undefined,
  loadEmbedder: (options: LoadEmbedderOptions) => Promise<Embedder>,
  warn: (message: string) => void,
): Promise<Embedder> {
  const model = config.embeddingModel ?? existing?.model.id;
  const load = () =>
    loadEmbedder({
      ...(model === undefined ? {} : { model }),
      explicit: model !== undefined,
      cacheDir: config.modelCacheDir,
      hubTimeoutMs: config.hubTimeoutMs,
      warn,
    });
  const stored = existing?.model;
  return stored !== undefined && model !== undefined && canonicalModelId(model) === stored.id
    ? deferredEmbedder(stored, load)
    : await load();
}
