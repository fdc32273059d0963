import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  addPagesToArchive,
  fetchFeedsIntoArchive,
  type FetchOptions,
  type FetchReport,
  type FetchResult,
} from '../app/fetch-articles.js';
import { ingestCorpus, type IngestSummary } from '../app/ingest-corpus.js';
import { embedderForIngest } from '../app/ingest-model.js';
import { loadFetchConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import type { LoadEmbedderOptions } from '../embed/load-embedder.js';
import { isUserError, UserError } from '../errors.js';
import { readFeedsFile } from '../fetch/feeds-file.js';
import { stderrLogger, type Logger } from '../log.js';
import { jsonLine } from '../present/answer-json.js';
import { terminalSafe } from '../terminal-text.js';
import { readManifest } from '../store/open-index.js';
import { formatHelp, parseFlags, type FlagSpecs } from './args.js';

/**
 * `npm run fetch` (every feed of the feeds file) and, through the same code, `npm run add`
 * (single pages): fetch into the articles folder, then update the index with the ordinary
 * ingest, then print one line per URL.
 */

const COMMON_FLAGS = {
  data: {
    type: 'string',
    valueName: 'DIR',
    description: 'articles folder to write into (default data/articles, or DATA_DIR)',
  },
  index: {
    type: 'string',
    valueName: 'DIR',
    description: 'index folder to update (default data/index, or INDEX_DIR)',
  },
  json: { type: 'boolean', description: 'print the report as one JSON object on stdout' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies FlagSpecs;

export const FETCH_FLAGS = {
  feeds: {
    type: 'string',
    valueName: 'FILE',
    description: 'feeds file (default data/feeds.txt, or FEEDS_FILE)',
  },
  ...COMMON_FLAGS,
} as const satisfies FlagSpecs;

export const ADD_FLAGS = COMMON_FLAGS;

/** Exit code when some URL failed (the others were still fetched and indexed). */
export const EXIT_SOME_FAILED = 2;
/** Exit code when interrupted by Ctrl-C (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** What the CLIs need from the outside world; tests pass fakes. */
export interface FetchCliDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Progress, warnings and errors (stderr). */
  readonly log: Logger;
  /** The report, the JSON and `--help` (stdout). */
  readonly print: (text: string) => void;
  readonly loadEmbedder: (options: LoadEmbedderOptions) => Promise<Embedder>;
  readonly signal?: AbortSignal;
  /** Overrides of fetching (tests: DNS, timeouts, per-host delay). */
  readonly fetchOptions?: Partial<FetchOptions>;
}

const FETCH_USAGE = `Usage: npm run fetch -- [options]

Reads every feed in the feeds file (one feed URL per line, optionally followed by an outlet
name; # starts a comment), writes each new item as a Markdown article into the articles
folder, then updates the index. Prints one line per feed and per new item: added,
duplicate, unchanged or failed (with the reason). Exit code 2 when some URL failed.`;

const ADD_USAGE = `Usage: npm run add -- <url> [<url>…] [options]

Fetches article pages, writes each as a Markdown article into the articles folder, then
updates the index. A feed's address, or a site's front page that links its feed, adds the
feed's new items. Prints one line per URL: added, duplicate or failed (with the reason).
Exit code 2 when some URL failed.`;

/** Runs `npm run fetch` with `argv`; returns the exit code. */
export function runFetchCli(argv: readonly string[], deps: FetchCliDeps): Promise<number> {
  return runCli('fetch', argv, deps);
}

/** Runs `npm run add` with `argv`; returns the exit code. */
export function runAddCli(argv: readonly string[], deps: FetchCliDeps): Promise<number> {
  return runCli('add', argv, deps);
}

async function runCli(
  command: 'fetch' | 'add',
  argv: readonly string[],
  deps: FetchCliDeps,
): Promise<number> {
  const { log } = deps;
  try {
    const specs: FlagSpecs = command === 'fetch' ? FETCH_FLAGS : ADD_FLAGS;
    const { values, positionals } = parseFlags(argv, specs, {
      allowPositionals: command === 'add',
      command: `npm run ${command} --`,
    });
    const flags = values as Record<string, string | boolean | undefined>;
    if (flags['help'] === true) {
      deps.print(formatHelp(command === 'fetch' ? FETCH_USAGE : ADD_USAGE, specs));
      return 0;
    }
    const text = (flag: unknown) => (typeof flag === 'string' ? flag : undefined);
    const config = loadFetchConfig(deps.env, deps.cwd, {
      data: text(flags['data']),
      index: text(flags['index']),
    });
    const articlesDir = config.dataDir;
    const indexDir = config.indexDir;
    const json = flags['json'] === true;
    const options: FetchOptions = {
      articlesDir,
      allowPrivate: config.allowPrivateUrls,
      log,
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
      ...deps.fetchOptions,
    };

    let report: FetchReport;
    if (command === 'fetch') {
      const feeds = text(flags['feeds']);
      const feedsFile = feeds === undefined ? config.feedsFile : path.resolve(deps.cwd, feeds);
      const { sources, problems } = await readFeedsFile(feedsFile);
      for (const problem of problems) log.warn(`${feedsFile} ${problem}`);
      if (sources.length === 0) {
        throw new UserError(
          `${feedsFile} lists no feeds (every line is blank or a # comment). Add one feed URL per line (e.g. https://example.com/feed/), or remove the # before an example, then run npm run fetch again.`,
        );
      }
      log.info(
        `Reading ${sources.length} feed${sources.length === 1 ? '' : 's'} from ${feedsFile}…`,
      );
      report = await fetchFeedsIntoArchive(sources, options);
    } else {
      if (positionals.length === 0) {
        throw new UserError(
          'Give the address of at least one article page: npm run add -- https://example.com/news/story',
        );
      }
      report = await addPagesToArchive(positionals, options);
    }

    // The report is printed even when the index update fails: the files are written.
    let index: IngestSummary | undefined;
    let ingestError: UserError | undefined;
    if (report.added.length > 0) {
      try {
        index = await updateIndex(articlesDir, indexDir, deps);
      } catch (error) {
        if (!isUserError(error) || deps.signal?.aborted) throw error;
        ingestError = error;
      }
    }
    if (json) {
      deps.print(jsonLine(jsonReport(report, index)));
    } else {
      for (const line of reportLines(report, index, indexDir)) deps.print(line);
    }
    if (ingestError !== undefined) {
      log.error(`the articles were written, but the index was not updated: ${ingestError.message}`);
      return 1;
    }
    return report.failed > 0 ? EXIT_SOME_FAILED : 0;
  } catch (error) {
    if (deps.signal?.aborted) {
      log.error('interrupted; the articles written so far stay, the index was not changed.');
      return EXIT_INTERRUPTED;
    }
    if (isUserError(error)) {
      log.error(error.message);
      return 1;
    }
    throw error;
  }
}

/** Updates the index with the ordinary ingest, staying with the index's own model. */
async function updateIndex(
  articlesDir: string,
  indexDir: string,
  deps: FetchCliDeps,
): Promise<IngestSummary> {
  const config = loadFetchConfig(deps.env, deps.cwd);
  const existing = await readManifest(indexDir);
  const embedder = await embedderForIngest(config, existing, deps.loadEmbedder, (message) =>
    deps.log.warn(message),
  );
  try {
    return await ingestCorpus({
      articlesDir,
      indexDir,
      embedder,
      log: deps.log,
      ...(deps.signal === undefined ? {} : { signal: deps.signal }),
    });
  } finally {
    await embedder.dispose();
  }
}

function jsonReport(report: FetchReport, index: IngestSummary | undefined) {
  return {
    results: report.results,
    added: report.added,
    duplicates: report.duplicates,
    unchanged: report.unchanged,
    failed: report.failed,
    index:
      index === undefined
        ? null
        : {
            articles: index.articles,
            passages: index.passages,
            embedded: index.embedded,
            changed: index.changed,
          },
  };
}

/** One line per URL, then a summary. */
export function reportLines(
  report: FetchReport,
  index: IngestSummary | undefined,
  indexDir: string,
): string[] {
  const lines = report.results.map(resultLine);
  lines.push(
    `${report.added.length} added, ${report.duplicates} duplicate, ${report.unchanged} unchanged, ${report.failed} failed.`,
  );
  if (index !== undefined) {
    lines.push(
      `Index ${indexDir}: ${index.articles} articles, ${index.passages} passages (embedded ${index.embedded}).`,
    );
  } else if (report.added.length === 0) {
    lines.push('Nothing new: the index was left as it is.');
  }
  return lines;
}

function resultLine(result: FetchResult): string {
  const indent = result.kind === 'page' && result.feed !== undefined ? '  ' : '';
  const status = result.status.padEnd(9);
  let detail = '';
  if (result.kind === 'feed' && result.items !== undefined) {
    detail = ` — ${result.items} items, ${result.newItems ?? 0} new`;
    if ((result.deferred ?? 0) > 0) detail += `, ${result.deferred} left for the next run`;
  }
  if (result.file !== undefined) detail += ` → ${result.file}`;
  if (result.reason !== undefined) detail += ` (${result.reason})`;
  // A reason can quote a server ("HTTP 500 <its status text>", which Node passes on with
  // escape sequences in it): printed as is, a server could retitle or clear the terminal.
  return terminalSafe(`${indent}${status} ${result.url}${detail}`);
}

/** Wires a CLI to the process: dotenv, Ctrl-C, stdout and stderr. */
export async function mainOf(
  run: (argv: readonly string[], deps: FetchCliDeps) => Promise<number>,
  name: string,
): Promise<void> {
  (await import('dotenv')).config({ quiet: true });
  const controller = new AbortController();
  process.once('SIGINT', () => {
    stderrLogger.info('\nStopping… (Ctrl-C again to quit at once)');
    controller.abort();
    process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
  });
  try {
    process.exitCode = await run(process.argv.slice(2), {
      env: process.env,
      cwd: process.cwd(),
      log: stderrLogger,
      print: (text) => console.log(text),
      // Imported on use: transformers.js takes seconds to load, and nothing may need it.
      loadEmbedder: async (options) =>
        (await import('../embed/load-embedder.js')).loadEmbedder(options),
      signal: controller.signal,
    });
  } catch (error) {
    stderrLogger.error(`${name} failed unexpectedly`, error);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await mainOf(runFetchCli, 'fetch');
}
