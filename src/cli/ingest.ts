import { pathToFileURL } from 'node:url';
import { ingestCorpus, type IngestSummary } from '../app/ingest-corpus.js';
import { embedderForIngest } from '../app/ingest-model.js';
import { loadCoreConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import type { LoadEmbedderOptions } from '../embed/load-embedder.js';
import { CorruptIndexError, isUserError, UserError } from '../errors.js';
import { stderrLogger, type Logger } from '../log.js';
import type { Manifest } from '../store/corpus-index.js';
import {
  checkDataFolder,
  checkDataFolderFirstIfDefaults,
  checkFoldersApart,
  checkIndexFolder,
  chooseDataDir,
  dataLabel,
  dropDataAdvice,
  indexLabel,
  ingestCommand,
  readIndexManifest,
  unrecordedCorpusProblem,
} from '../app/folders.js';
import { formatHelp, parseFlags } from './args.js';
import { progressFor } from './progress.js';

/** `npm run ingest`: builds or updates the search index from the article folder. */

export const INGEST_FLAGS = {
  data: {
    type: 'string',
    valueName: 'DIR',
    description: 'articles to index (default data/articles, or DATA_DIR)',
  },
  index: {
    type: 'string',
    valueName: 'DIR',
    description: 'index folder (default data/index, or INDEX_DIR)',
  },
  model: {
    type: 'string',
    valueName: 'ID',
    description:
      'embedding model: a hub id or "bundled" (default: the index\'s own, else EMBEDDING_MODEL, else the default)',
  },
  force: { type: 'boolean', description: 're-embed every article, even unchanged ones' },
  quiet: {
    type: 'boolean',
    short: 'q',
    description: 'no progress or summary; warnings and errors only',
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const;

const USAGE = `Usage: npm run ingest -- [options]

Builds the search index from the article files, or updates it: only new and changed articles
are embedded, removed ones are dropped. The index is replaced atomically, so an interrupted
run leaves the previous index usable.`;

/** What the CLI needs from the outside world; tests pass fakes. */
export interface IngestCliDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly log: Logger;
  /** Where the progress bar is drawn (if it is a terminal). */
  readonly stderr: NodeJS.WriteStream;
  readonly loadEmbedder: (options: LoadEmbedderOptions) => Promise<Embedder>;
  /** Fired on Ctrl-C. */
  readonly signal?: AbortSignal;
  /** Receives `--help` text. */
  readonly print: (text: string) => void;
}

/** Exit code when interrupted by Ctrl-C (128 + SIGINT), as shells expect. */
export const EXIT_INTERRUPTED = 130;

/** Exit code for a stop by `signal` (the abort reason): 128 + its number, as shells expect. */
export function exitCodeFor(signal: unknown): number {
  return signal === 'SIGTERM' ? 128 + 15 : EXIT_INTERRUPTED;
}

function quietLogger(log: Logger): Logger {
  return { info: () => {}, warn: (m) => log.warn(m), error: (m, e) => log.error(m, e) };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The closing summary lines. */
export function summaryLines(summary: IngestSummary, indexDir: string): string[] {
  const lines: string[] = [];
  if (summary.changed) {
    lines.push(
      `Indexed ${plural(summary.articles, 'article')} (${plural(summary.passages, 'passage')}) ` +
        `into ${indexDir} in ${summary.seconds.toFixed(1)} s: embedded ${summary.embedded}, ` +
        `reused ${summary.reused}, removed ${plural(summary.removed, 'article')}.`,
    );
  } else {
    lines.push(
      `Nothing changed: ${plural(summary.articles, 'article')} ` +
        `(${plural(summary.passages, 'passage')}) already indexed; embedded 0 ` +
        `(${summary.seconds.toFixed(1)} s).`,
    );
  }
  if (summary.skipped.length > 0) {
    lines.push(`Skipped ${plural(summary.skipped.length, 'file')}:`);
    for (const note of summary.skipped) lines.push(`  ${note.path}: ${note.message}`);
  }
  if (summary.warnings.length > 0) {
    lines.push(`${plural(summary.warnings.length, 'warning')}:`);
    for (const note of summary.warnings) lines.push(`  ${note.path}: ${note.message}`);
  }
  return lines;
}

/**
 * Runs `npm run ingest` with `argv` and returns the exit code: 0 when something was
 * ingested (even with skipped files), 1 on a user error (e.g. nothing could be ingested),
 * 130 when interrupted. Internal errors are thrown.
 */
export async function runIngestCli(argv: readonly string[], deps: IngestCliDeps): Promise<number> {
  const { log } = deps;
  let embedder: Embedder | undefined;
  // For the closing line of an interrupted run.
  let indexDirOf = 'the index folder';
  let hadIndex = false;
  try {
    const { values } = parseFlags(argv, INGEST_FLAGS, { command: 'npm run ingest --' });
    if (values.help) {
      deps.print(formatHelp(USAGE, INGEST_FLAGS));
      return 0;
    }
    const config = loadCoreConfig(deps.env, deps.cwd, values);
    const { indexDir } = config;
    indexDirOf = indexDir;
    const out = values.quiet ? quietLogger(log) : log;
    const force = values.force === true;

    // Every folder check before any model is loaded: a typo must not wait for the hub.
    await checkDataFolderFirstIfDefaults(config);
    hadIndex = (await checkIndexFolder(config, { writing: true })).kind === 'index';
    let existing: Manifest | undefined;
    try {
      existing = await readIndexManifest(config);
    } catch (error) {
      // A damaged index is still ours (checked above): with --force, ingestCorpus says so
      // and rebuilds it from scratch.
      if (!(force && error instanceof CorruptIndexError)) throw error;
    }
    const choice = await chooseDataDir(config, existing);
    const articlesDir = choice.dataDir;
    if (choice.conflictsWith !== undefined) {
      if (!force) {
        throw new UserError(
          `The index in ${indexLabel(config)} was built from ${choice.conflictsWith}, not ` +
            `${dataLabel(config)}. To rebuild it from the new folder: ` +
            `${ingestCommand(config, '--force')}; to update it, ${dropDataAdvice(config)}.`,
        );
      }
      out.info(
        `--force: rebuilding ${indexDir} from ${articlesDir} (was ${choice.conflictsWith}).`,
      );
    } else if (choice.fromManifest) {
      out.info(`Articles: ${articlesDir} (the folder this index was built from).`);
    }
    await checkDataFolder(config, articlesDir);
    await checkFoldersApart(config, articlesDir);
    if (existing !== undefined && !force) {
      const problem = await unrecordedCorpusProblem(config, existing, articlesDir);
      if (problem !== undefined) throw new UserError(problem);
    }

    embedder = await embedderForIngest(config, existing, deps.loadEmbedder, (message) =>
      log.warn(message),
    );
    out.info(`Model: ${embedder.id} (${embedder.dimensions} dimensions).`);

    const summary = await ingestCorpus({
      articlesDir,
      indexDir,
      embedder,
      log: out,
      ...(force ? { force: true } : {}),
      ...(values.quiet ? {} : { progress: progressFor(deps.stderr, out) }),
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    });
    for (const line of summaryLines(summary, indexDir)) out.info(line);
    if (deps.signal?.aborted) {
      // The signal came after the swap (the commit point): say what the folder holds now.
      log.info(
        summary.changed
          ? `Stopped, but only after the new index was in place: ${indexDir} is complete.`
          : `Stopped: the index in ${indexDir} was already up to date and is unchanged.`,
      );
      return exitCodeFor(deps.signal.reason);
    }
    return 0;
  } catch (error) {
    if (deps.signal?.aborted) {
      log.info(
        hadIndex
          ? `Stopped: the previous index in ${indexDirOf} is unchanged.`
          : `Stopped: no index was written to ${indexDirOf}.`,
      );
      return exitCodeFor(deps.signal.reason);
    }
    if (isUserError(error)) {
      log.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await embedder?.dispose();
  }
}

/**
 * Signals that arrive within this long of the first are the same Ctrl-C delivered twice, not
 * a second press: the terminal signals the whole process group, and `npm run` and tsx also
 * forward the signal to the process they started.
 */
const DUPLICATE_SIGNAL_MS = 1_000;

/** How often the ingest checks that the process that started it is still there. */
const PARENT_CHECK_MS = 500;

/**
 * Ctrl-C (SIGINT) and SIGTERM (`timeout`, `kill`, a service manager) stop the ingest the same
 * way: `controller` aborts with the signal's name, the run stops between batches or before the
 * swap, the previous index stays and the CLI says so. A second signal quits at once (its temp
 * folder is removed by the next run).
 *
 * A SIGTERM sent to `npm run ingest` alone never reaches this process: npm passes it to the
 * `sh -c` it runs the script in, which dies and leaves this process running on its own. So
 * the parent process is watched too: when it is gone, the ingest stops as for SIGTERM.
 */
export function stopOnSignals(controller: AbortController, log: Logger): void {
  let first = 0;
  const stop = (signal: NodeJS.Signals, why: string) => {
    if (first === 0) {
      first = performance.now();
      log.info(`\nStopping… (${why}; press Ctrl-C again to quit at once)`);
      controller.abort(signal);
      return;
    }
    if (performance.now() - first < DUPLICATE_SIGNAL_MS) return;
    log.info(
      'Quit at once: the previous index is unchanged; the next ingest removes its temp folder.',
    );
    process.exit(exitCodeFor(signal));
  };
  process.on('SIGINT', () => stop('SIGINT', 'SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM', 'SIGTERM'));
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    stop('SIGTERM', `the process that started it, ${parent}, has exited`);
  }, PARENT_CHECK_MS);
  watch.unref();
}

async function main(): Promise<void> {
  (await import('dotenv')).config({ quiet: true });
  const controller = new AbortController();
  stopOnSignals(controller, stderrLogger);
  try {
    process.exitCode = await runIngestCli(process.argv.slice(2), {
      env: process.env,
      cwd: process.cwd(),
      log: stderrLogger,
      stderr: process.stderr,
      // Imported on use: transformers.js takes seconds to load, and `--help` needs none of it.
      loadEmbedder: async (options) =>
        (await import('../embed/load-embedder.js')).loadEmbedder(options),
      signal: controller.signal,
      print: (text) => console.log(text),
    });
  } catch (error) {
    stderrLogger.error('ingest failed unexpectedly', error);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
