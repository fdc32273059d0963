import type { CoreConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { runInChild } from './child-process.js';
import type { IngestSummary } from './ingest-corpus.js';

/** What the parent sends the child: one ingest to run. */
export interface IngestChildRequest {
  readonly articlesDir: string;
  readonly indexDir: string;
  readonly model: { readonly id: string; readonly dimensions: number };
  readonly modelCacheDir: string;
  readonly hubTimeoutMs: number;
}

/**
 * An ingest for the live coverage that runs in a child process (ingest-child.ts). Rebuilding
 * the BM25 index and writing the index are seconds of synchronous work at BBC size
 * (measured: the event loop stalled 5.2 s per refresh in-process); in the bot's own process
 * that would leave Discord's interactions unacknowledged past their 3-second deadline. The
 * child also keeps the ingest's transient memory (the stored index read back, the new one
 * being written) out of the long-running process. It uses the bot's model, loaded only when
 * something is new. Aborting kills the child; the index swap it may have begun is atomic.
 */
export function ingestInChildProcess(
  config: Pick<CoreConfig, 'dataDir' | 'indexDir' | 'modelCacheDir' | 'hubTimeoutMs'>,
): (embedder: Embedder, signal: AbortSignal) => Promise<IngestSummary> {
  return (embedder, signal) => {
    const request: IngestChildRequest = {
      articlesDir: config.dataDir,
      indexDir: config.indexDir,
      model: { id: embedder.id, dimensions: embedder.dimensions },
      modelCacheDir: config.modelCacheDir,
      hubTimeoutMs: config.hubTimeoutMs,
    };
    return runInChild<IngestSummary>('ingest-child', request, signal, 'ingest');
  };
}
