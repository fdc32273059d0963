import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { UserError } from '../errors.js';
import type { IngestSummary } from './ingest-corpus.js';

/** What the parent sends the child: one ingest to run. */
export interface IngestChildRequest {
  readonly articlesDir: string;
  readonly indexDir: string;
  readonly model: { readonly id: string; readonly dimensions: number };
  readonly modelCacheDir: string;
  readonly hubTimeoutMs: number;
}

/** What the child answers. */
export type IngestChildReply =
  | { readonly ok: true; readonly summary: IngestSummary }
  | { readonly ok: false; readonly userError: boolean; readonly message: string };

/**
 * How to start the child: compiled (`dist/`), it is plain JavaScript; from source (tsx, or
 * vitest), the child needs tsx's loader too, which `--import tsx` (resolved from the
 * repository) provides, since tsx's own flags are not inherited by every runner.
 */
function childModule(): { file: string; execArgv: string[]; cwd: string } {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const file = path.join(path.dirname(here), fromSource ? 'ingest-child.ts' : 'ingest-child.js');
  // From source, `--import tsx` is resolved from the repository's node_modules.
  const cwd = fromSource ? path.resolve(path.dirname(here), '../..') : process.cwd();
  return { file, execArgv: fromSource ? ['--import', 'tsx'] : [], cwd };
}

/**
 * An ingest for the live coverage that runs in a child process. Rebuilding the BM25 index and
 * writing the index are seconds of synchronous work at BBC size (measured: the event loop
 * stalled 5.2 s per refresh in-process); in the bot's own process that would leave Discord's
 * interactions unacknowledged past their 3-second deadline. The child also keeps the
 * ingest's transient memory (the stored index read back, the new one being written) out of
 * the long-running process. It uses the bot's model, loaded only when something is new.
 * Aborting kills the child; the index swap it may have begun is atomic.
 */
export function ingestInChildProcess(
  config: Pick<CoreConfig, 'dataDir' | 'indexDir' | 'modelCacheDir' | 'hubTimeoutMs'>,
): (embedder: Embedder, signal: AbortSignal) => Promise<IngestSummary> {
  return (embedder, signal) =>
    new Promise<IngestSummary>((resolve, reject) => {
      signal.throwIfAborted();
      const { file, execArgv, cwd } = childModule();
      const child = fork(file, [], {
        cwd,
        execArgv,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        serialization: 'advanced',
        signal,
      });
      let reply: IngestChildReply | undefined;
      child.once('message', (message) => {
        reply = message as IngestChildReply;
        if (reply.ok) resolve(reply.summary);
        else reject(reply.userError ? new UserError(reply.message) : new Error(reply.message));
      });
      child.once('error', (error) => {
        if (signal.aborted) reject(signal.reason as Error);
        else reject(error);
      });
      child.once('exit', (code, exitSignal) => {
        if (reply !== undefined) return;
        if (signal.aborted) return reject(signal.reason as Error);
        reject(
          new Error(`the ingest process ended without a result (${exitSignal ?? `exit ${code}`})`),
        );
      });
      const request: IngestChildRequest = {
        articlesDir: config.dataDir,
        indexDir: config.indexDir,
        model: { id: embedder.id, dimensions: embedder.dimensions },
        modelCacheDir: config.modelCacheDir,
        hubTimeoutMs: config.hubTimeoutMs,
      };
      child.send(request);
    });
}
