/**
 * Child-process entry of `ingestInChildProcess`: runs one incremental ingest and answers with
 * its summary (or its error) over IPC. Not a command for people: see ingest-process.ts.
 */
import { deferredEmbedder } from '../embed/deferred-embedder.js';
import { stderrLogger } from '../log.js';
import { serveOneRequest } from './child-process.js';
import { ingestCorpus, type IngestSummary } from './ingest-corpus.js';
import type { IngestChildRequest } from './ingest-process.js';

async function run(request: IngestChildRequest): Promise<IngestSummary> {
  // The bot's own model, loaded only if something needs embedding (an unchanged poll loads none).
  const embedder = deferredEmbedder(request.model, async () =>
    (await import('../embed/load-embedder.js')).loadEmbedder({
      model: request.model.id,
      explicit: true,
      cacheDir: request.modelCacheDir,
      hubTimeoutMs: request.hubTimeoutMs,
      warn: (message) => stderrLogger.warn(message),
    }),
  );
  try {
    return await ingestCorpus({
      articlesDir: request.articlesDir,
      indexDir: request.indexDir,
      embedder,
      log: stderrLogger,
    });
  } finally {
    await embedder.dispose();
  }
}

serveOneRequest(run);
