/**
 * Child-process entry of `ingestInChildProcess`: runs one incremental ingest and sends its
 * summary (or its error) to the parent over IPC. Not a command for people: see ingest-process.ts.
 */
import { deferredEmbedder } from '../embed/deferred-embedder.js';
import { isUserError } from '../errors.js';
import { stderrLogger } from '../log.js';
import { ingestCorpus } from './ingest-corpus.js';
import type { IngestChildRequest, IngestChildReply } from './ingest-process.js';

async function run(request: IngestChildRequest): Promise<IngestChildReply> {
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
    const summary = await ingestCorpus({
      articlesDir: request.articlesDir,
      indexDir: request.indexDir,
      embedder,
      log: stderrLogger,
    });
    return { ok: true, summary };
  } catch (error) {
    if (isUserError(error)) return { ok: false, userError: true, message: error.message };
    return {
      ok: false,
      userError: false,
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  } finally {
    await embedder.dispose();
  }
}

process.once('message', (request: IngestChildRequest) => {
  void run(request).then((reply) => {
    // Exit at once: a loaded model may keep threads alive that would hold the child open.
    process.send?.(reply, () => process.exit(0));
  });
});
