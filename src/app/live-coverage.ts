import type { CoreConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { loadEmbedder } from '../embed/load-embedder.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { openIndex, readManifest } from '../store/open-index.js';
import type { AskOptions, Coverage, CoverageInfo } from './coverage.js';
import { ingestCorpus, type IngestSummary } from './ingest-corpus.js';
import { createCoverage, openCoverage, type OpenCoverageOptions } from './open-coverage.js';

/**
 * Brings new articles into the data folder before the ingest (feeds, pages). Whatever it
 * returns is passed on in the refresh report; a throw is logged and the ingest still runs,
 * so manual edits are picked up even when the network is down.
 */
export type FetchArticles = (signal: AbortSignal) => Promise<unknown>;

/** What one refresh did. */
export interface RefreshReport {
  /**
   * `swapped`: a new index serves new questions; `unchanged`: the index on disk is the one
   * already serving; `failed`: the ingest or the reopen failed, the current index still serves;
   * `closed`: the service was closed before or during the refresh.
   */
  readonly outcome: 'swapped' | 'unchanged' | 'failed' | 'closed';
  /** What the fetch step returned, when there is one and it succeeded. */
  readonly fetched?: unknown;
  readonly fetchError?: unknown;
  readonly ingest?: IngestSummary;
  readonly error?: unknown;
  readonly seconds: number;
}

export interface RefreshOptions {
  /**
   * Run the fetch step first (default true). The folder watcher passes false: a local edit
   * needs no network round.
   */
  readonly fetch?: boolean;
}

/** A `Coverage` whose index is replaced, without a restart, when the articles change. */
export interface LiveCoverage extends Coverage {
  /**
   * Fetches (if a fetch step is configured), ingests incrementally and swaps the new index in.
   * Never rejects: failures are logged and reported. Refreshes never overlap: a call during a
   * refresh returns the one run that starts after it (any number of calls share it).
   */
  refresh(options?: RefreshOptions): Promise<RefreshReport>;
  /** Indexes opened so far that still hold memory (serving, or finishing a question): 1 or 2. */
  openVersions(): number;
}

export interface LiveCoverageOptions extends OpenCoverageOptions {
  /** Runs before each ingest (the feed fetcher); none by default. */
  readonly fetchArticles?: FetchArticles;
  /** Runs the incremental ingest; default `ingestCorpus` of `config.dataDir` into `config.indexDir`. */
  readonly ingest?: (embedder: Embedder, signal: AbortSignal) => Promise<IngestSummary>;
  /** Opens the service over the index now on disk; default `openCoverage` with the shared model. */
  readonly open?: (embedder: Embedder) => Promise<Coverage>;
  /** Loads the model once; default: the index's own model (or the configured one for a first build). */
  readonly loadModel?: () => Promise<Embedder>;
}

/** One opened index and the questions it is answering. */
interface Version {
  readonly coverage: Coverage;
  readonly builtAt: string;
  inFlight: number;
  retired: boolean;
  closing: boolean;
  /** Resolves once the version is closed (after its last question). */
  readonly closed: Promise<void>;
  readonly markClosed: () => void;
}

function newVersion(coverage: Coverage): Version {
  let markClosed = () => {};
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  return {
    coverage,
    builtAt: coverage.info().builtAt,
    inFlight: 0,
    retired: false,
    closing: false,
    closed,
    markClosed,
  };
}

/** The embedder seen through a handle whose `dispose` does nothing: the model outlives each index. */
function borrowed(embedder: Embedder): Embedder {
  return {
    id: embedder.id,
    dimensions: embedder.dimensions,
    embed: (texts) => embedder.embed(texts),
    dispose: async () => {},
  };
}

/** The index's own model when there is an index; else the configured (or default) one. */
async function loadIndexModel(config: CoreConfig, log: Logger): Promise<Embedder> {
  const manifest = await readManifest(config.indexDir);
  const model = manifest?.model.id ?? config.embeddingModel;
  return await loadEmbedder({
    ...(model === undefined ? {} : { model }),
    explicit: model !== undefined,
    cacheDir: config.modelCacheDir,
    hubTimeoutMs: config.hubTimeoutMs,
    warn: (message) => log.warn(message),
  });
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens the coverage like `openCoverage` (building the index on first use), with one model
 * loaded for the life of the service and the index swappable by `refresh()`.
 *
 * Swap semantics: each question holds the index it started on until it ends; a swap makes
 * new questions use the new index at once, and the old one is closed (its memory released)
 * when its last question ends. So at most two indexes are in memory, and only for the length
 * of the slowest question in flight.
 */
export async function openLiveCoverage(
  config: CoreConfig,
  log: Logger,
  options: LiveCoverageOptions = {},
): Promise<LiveCoverage> {
  const embedder = await (options.loadModel ?? (() => loadIndexModel(config, log)))();
  const shared = borrowed(embedder);
  // The first open goes through openCoverage (builds a missing index, checks the model, warns
  // about articles changed since the last ingest); later ones follow an ingest just made.
  const open =
    options.open ??
    ((model: Embedder) =>
      openCoverage(config, log, {
        ...(options.answerOptions === undefined ? {} : { answerOptions: options.answerOptions }),
        embedder: model,
      }));
  const reopen =
    options.open ??
    (async (model: Embedder) => {
      const index = await openIndex(config.indexDir);
      const built = index.manifest.model;
      if (built.id !== model.id || built.dimensions !== model.dimensions) {
        // Another process rebuilt the index with another model: its vectors cannot be
        // compared with this model's, and loading a second model here would double memory.
        throw new UserError(
          `The index in ${config.indexDir} was rebuilt with ${built.id}; the bot runs ` +
            `${model.id}. Restart the bot to use the new index.`,
        );
      }
      return await createCoverage(index, model, options.answerOptions ?? {});
    });
  const ingest =
    options.ingest ??
    ((model: Embedder, signal: AbortSignal) =>
      ingestCorpus({
        articlesDir: config.dataDir,
        indexDir: config.indexDir,
        embedder: model,
        log,
        signal,
      }));

  let current: Version;
  try {
    current = newVersion(await open(shared));
  } catch (error) {
    await embedder.dispose();
    throw error;
  }
  const open_ = new Set<Version>([current]);
  const abort = new AbortController();
  let closing: Promise<void> | undefined;

  const release = (version: Version) => {
    if (!version.retired || version.inFlight > 0 || version.closing) return;
    version.closing = true;
    void version.coverage
      .close()
      .catch((error: unknown) => log.error('closing a replaced index failed', error))
      .finally(() => {
        open_.delete(version);
        version.markClosed();
      });
  };

  async function refreshOnce(fetch: boolean): Promise<RefreshReport> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    if (closing !== undefined) return { outcome: 'closed', seconds: 0 };
    let fetched: unknown;
    let fetchError: unknown;
    let fetchFailed = false;
    if (fetch && options.fetchArticles !== undefined) {
      try {
        fetched = await options.fetchArticles(abort.signal);
      } catch (error) {
        if (closing !== undefined) return { outcome: 'closed', seconds: seconds() };
        fetchFailed = true;
        fetchError = error;
        log.error(`Fetching articles failed: ${describeFailure(error)}; ingesting what is there.`);
      }
    }
    const fetchPart = fetchFailed ? { fetchError } : fetched === undefined ? {} : { fetched };
    let summary: IngestSummary;
    let next: Coverage;
    try {
      summary = await ingest(shared, abort.signal);
      // Compare with what serves rather than trusting `changed`: another process (`npm run
      // ingest`, `npm run fetch`) may have replaced the index since it was opened.
      const onDisk = await readManifest(config.indexDir);
      if (closing !== undefined) return { outcome: 'closed', ...fetchPart, seconds: seconds() };
      if (onDisk === undefined || onDisk.builtAt === current.builtAt) {
        return { outcome: 'unchanged', ...fetchPart, ingest: summary, seconds: seconds() };
      }
      next = await reopen(shared);
    } catch (error) {
      if (closing !== undefined) return { outcome: 'closed', ...fetchPart, seconds: seconds() };
      log.error(
        `Updating the coverage failed; the current index keeps serving. ${describeFailure(error)}`,
      );
      return { outcome: 'failed', ...fetchPart, error, seconds: seconds() };
    }
    if (closing !== undefined) {
      await next.close();
      return { outcome: 'closed', ...fetchPart, ingest: summary, seconds: seconds() };
    }
    const previous = current;
    current = newVersion(next);
    open_.add(current);
    previous.retired = true;
    release(previous);
    const info = next.info();
    log.info(
      `Coverage updated: ${info.articles} articles (${summary.embedded} passages embedded, ` +
        `${summary.removed} articles removed) in ${seconds().toFixed(1)} s.`,
    );
    return { outcome: 'swapped', ...fetchPart, ingest: summary, seconds: seconds() };
  }

  let running: Promise<RefreshReport> | undefined;
  let queued: Promise<RefreshReport> | undefined;
  let queuedFetch = false;
  const refresh = (request: RefreshOptions = {}): Promise<RefreshReport> => {
    const fetch = request.fetch ?? true;
    if (running !== undefined) {
      // Something may have changed after the running refresh looked: one more run, shared
      // by every caller until it starts; it fetches if any of them asked to.
      queuedFetch ||= fetch;
      queued ??= running.then(() => {
        const again = { fetch: queuedFetch };
        queued = undefined;
        queuedFetch = false;
        return refresh(again);
      });
      return queued;
    }
    running = refreshOnce(fetch)
      .catch((error: unknown): RefreshReport => {
        log.error('Updating the coverage failed unexpectedly', error);
        return { outcome: 'failed', error, seconds: 0 };
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const serving = (): Version => {
    if (closing !== undefined) throw new Error('the coverage is closed');
    return current;
  };

  return {
    async ask(question: string, ask?: AskOptions) {
      const version = serving();
      version.inFlight += 1;
      try {
        return await version.coverage.ask(question, ask);
      } finally {
        version.inFlight -= 1;
        release(version);
      }
    },
    sources: () => current.coverage.sources(),
    outlets: () => current.coverage.outlets(),
    info: (): CoverageInfo => current.coverage.info(),
    refresh,
    openVersions: () => open_.size,
    close() {
      closing ??= (async () => {
        abort.abort();
        await running;
        await queued;
        current.retired = true;
        for (const version of open_) release(version);
        // Questions still in flight finish first (each releases its index as it ends).
        await Promise.all([...open_].map((version) => version.closed));
        await embedder.dispose();
      })();
      return closing;
    },
  };
}
