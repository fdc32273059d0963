import type { Embedder } from '../embed/embedder.js';
import { CorruptIndexError, UserError } from '../errors.js';
import type { Article } from '../ingest/article.js';
import {
  DEFAULT_PASSAGE_OPTIONS,
  splitIntoPassages,
  type PassageOptions,
} from '../ingest/passages.js';
import { CLEANING_VERSION, readArticles, type IngestIssue } from '../ingest/read-articles.js';
import { READING_VERSION } from '../ingest/parse-article.js';
import type { Logger } from '../log.js';
import {
  dataDirEntry,
  INDEX_SCHEMA_VERSION,
  recordedDataDir,
  type IndexedArticle,
  type Manifest,
} from '../store/corpus-index.js';
import { assertIndexFolderReplaceable, removeLeftovers } from '../store/index-folder.js';
import { buildLexicalIndex, LEXICAL_VERSION } from '../store/lexical-index.js';
import { readManifest, readStoredIndex, type StoredIndex } from '../store/open-index.js';
import { writeIndex } from '../store/write-index.js';
import { calibrateGate } from '../retrieve/calibrate-gate.js';
import { carriedGate, isUsableGate } from '../retrieve/gate.js';
import { termNeighbours } from '../retrieve/term-neighbours.js';
import { sameFolder } from './folders.js';
import {
  isUpToDate,
  planIngest,
  rebuildReason,
  type IngestPlan,
  type Pipeline,
} from './ingest-plan.js';

/** Receives progress of a long step; the CLI draws a bar or prints lines. */
export interface ProgressReporter {
  /** A step of `total` units begins. */
  start(label: string, total: number): void;
  /** `done` of `total` units are finished. */
  update(done: number): void;
  /** The step ended (finished, failed or interrupted). */
  stop(): void;
}

/** A file that was not ingested, or ingested with a remark, and why (as readArticles reports it). */
export type FileNote = IngestIssue;

export interface IngestOptions {
  /** Folder of article files. */
  readonly articlesDir: string;
  /** Index folder to create or update (replaced atomically). */
  readonly indexDir: string;
  readonly embedder: Embedder;
  /** Re-embed every article even when the index is up to date. */
  readonly force?: boolean;
  readonly log: Logger;
  readonly progress?: ProgressReporter;
  /** Aborting stops the run between batches; the previous index stays as it was. */
  readonly signal?: AbortSignal;
  readonly passageOptions?: PassageOptions;
  /** Texts per call to the embedder (default 128). */
  readonly batchSize?: number;
}

export interface IngestSummary {
  /** Articles in the index after this run. */
  readonly articles: number;
  /** Passages in the index after this run. */
  readonly passages: number;
  /** Passages embedded by this run. */
  readonly embedded: number;
  /** Passages whose stored vectors were reused. */
  readonly reused: number;
  /** Articles that were in the previous index and are gone now. */
  readonly removed: number;
  readonly skipped: readonly FileNote[];
  readonly warnings: readonly FileNote[];
  readonly seconds: number;
  /** False ⇒ the index was already up to date and nothing was written. */
  readonly changed: boolean;
}

const DEFAULT_BATCH_SIZE = 128;

/**
 * Every setting that changes what is stored for an article besides its bytes and the model.
 * Stored in the manifest; any difference means the stored passages cannot be reused.
 */
function pipelineSettings(passageOptions: PassageOptions): Pipeline {
  const settings: Record<string, string | number> = {
    cleaningVersion: CLEANING_VERSION,
    lexicalVersion: LEXICAL_VERSION,
  };
  for (const [key, value] of Object.entries(passageOptions)) {
    if (typeof value === 'number' || typeof value === 'string') settings[`passage.${key}`] = value;
    else if (typeof value === 'boolean') settings[`passage.${key}`] = String(value);
  }
  return settings;
}

/** The settings an index built now with the default passages records. */
export function currentPipeline(): Pipeline {
  return pipelineSettings(DEFAULT_PASSAGE_OPTIONS);
}

function indexedArticle(article: Article): IndexedArticle {
  // Spread keeps every field (and optional ones absent rather than undefined), except
  // `path`: where the file was on this machine is not part of the coverage.
  const stored: { path?: string } & IndexedArticle = { ...article };
  delete stored.path;
  return stored;
}

async function embedAll(
  texts: readonly string[],
  options: IngestOptions,
  into: (row: number, vector: Float32Array) => void,
): Promise<void> {
  const { embedder, progress, signal } = options;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  progress?.start('Embedding passages', texts.length);
  try {
    for (let first = 0; first < texts.length; first += batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(first, first + batchSize);
      const vectors = await embedder.embed(batch);
      if (vectors.length !== batch.length) {
        throw new Error(
          `embedder ${embedder.id} returned ${vectors.length} vectors for ${batch.length} texts`,
        );
      }
      vectors.forEach((vector, offset) => {
        if (vector.length !== embedder.dimensions) {
          throw new Error(
            `embedder ${embedder.id} returned a ${vector.length}-dimensional vector; ` +
              `it declares ${embedder.dimensions}`,
          );
        }
        into(first + offset, vector);
      });
      progress?.update(Math.min(first + batchSize, texts.length));
    }
  } finally {
    progress?.stop();
  }
}

function nothingIngested(articlesDir: string, skipped: readonly FileNote[]): UserError {
  const reasons = skipped.slice(0, 10).map((note) => `  ${note.path}: ${note.message}`);
  if (skipped.length > reasons.length) reasons.push(`  … and ${skipped.length - 10} more`);
  return new UserError(
    [
      `Nothing could be ingested from ${articlesDir}` +
        (skipped.length === 0 ? ': it holds no article files.' : ':'),
      ...reasons,
      'Put article files (.md or .txt) there, or pass another folder with --data DIR.',
      'The previous index, if any, was left as it was.',
    ].join('\n'),
  );
}

/**
 * What `read` returns from the index in `indexDir`, or undefined when a file of it is damaged
 * (said in a warning: the ingest then rebuilds from scratch).
 */
async function unlessDamaged<T>(
  read: (dir: string) => Promise<T>,
  indexDir: string,
  log: Logger,
): Promise<T | undefined> {
  try {
    return await read(indexDir);
  } catch (error) {
    if (!(error instanceof CorruptIndexError)) throw error;
    log.warn(`The index in ${indexDir} is damaged (${error.problem}): rebuilding it from scratch.`);
    return undefined;
  }
}

/** The vector matrix of `plan` with the reused rows copied in; the rest are filled by embedding. */
function reusedVectors(plan: IngestPlan, stored: StoredIndex | undefined, dimensions: number) {
  const vectors = new Float32Array(plan.passages.length * dimensions);
  if (stored === undefined) return vectors;
  for (const { to, from } of plan.reused) {
    vectors.set(
      stored.vectors.subarray(from * dimensions, (from + 1) * dimensions),
      to * dimensions,
    );
  }
  return vectors;
}

/** Per kept article: its content hash and how many passages it has. */
function manifestArticles(plan: IngestPlan): Manifest['articles'] {
  const counts = new Map<string, number>();
  for (const passage of plan.passages) {
    counts.set(passage.articleId, (counts.get(passage.articleId) ?? 0) + 1);
  }
  return Object.fromEntries(
    plan.kept.map((article) => [
      article.id,
      { hash: article.hash, passages: counts.get(article.id) ?? 0 },
    ]),
  );
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/**
 * Share of the new index's passages that this update adds, changes or removes: the passages
 * embedded now and those of the articles that are gone.
 */
function changedShare(plan: IngestPlan, previous: Manifest): number {
  let changed = plan.toEmbed.length;
  for (const id of plan.removed) changed += previous.articles[id]?.passages ?? 0;
  return changed / Math.max(1, plan.passages.length);
}

/**
 * Builds or updates the index in `indexDir` from the articles in `articlesDir`.
 *
 * Incremental: an article whose content hash, model and pipeline settings are unchanged keeps
 * its stored passages and vectors; new and changed articles are split and embedded; articles
 * whose files are gone are dropped (the decisions are `planIngest`'s). When nothing changed,
 * nothing is written (`changed: false`). The new index is written beside the old one and
 * swapped in atomically, so an error, an abort or a crash leaves the previous index intact.
 *
 * One bad file never stops the run: it is reported in `skipped`. Throws a `UserError` when
 * no article at all could be ingested or the index records another article folder (unless
 * `force`), and the abort reason when `signal` fires before the swap.
 */
export async function ingestCorpus(options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { articlesDir, indexDir, embedder, log, signal } = options;
  const seconds = () => (performance.now() - started) / 1000;

  // Never build over a folder that is not ours (the CLI checks first, with friendlier words).
  await assertIndexFolderReplaceable(indexDir);
  for (const leftover of await removeLeftovers(indexDir)) {
    log.info(`Removed ${leftover}, left over by an interrupted ingest.`);
  }

  const read = await readArticles(articlesDir);
  const skipped: FileNote[] = [...read.skipped];
  const warnings: FileNote[] = [...read.warnings];
  // readArticles already skipped (and reported) a second file with an id seen before.
  const articles = read.articles;
  if (articles.length === 0) throw nothingIngested(articlesDir, skipped);
  signal?.throwIfAborted();

  const passageOptions = options.passageOptions ?? DEFAULT_PASSAGE_OPTIONS;
  const pipeline = pipelineSettings(passageOptions);
  const previous = await unlessDamaged(readManifest, indexDir, log);
  const recorded = previous === undefined ? undefined : recordedDataDir(previous, indexDir);
  if (recorded !== undefined && !options.force && !(await sameFolder(recorded, articlesDir))) {
    throw new UserError(
      `The index in ${indexDir} was built from ${recorded}, not ${articlesDir}; ` +
        'rebuild it with --force to change its article folder.',
    );
  }
  const reason = previous === undefined ? undefined : rebuildReason(previous, embedder, pipeline);
  const reuse = previous !== undefined && reason === undefined && !options.force;
  // A gate stored by a version that fitted another one is fitted again (and stored) even when
  // nothing else changed: left as it was, every start of the bot would fit it anew.
  const gateUsable = previous !== undefined && isUsableGate(previous.gate, embedder.id);
  if (reuse && gateUsable && isUpToDate(previous, articles, READING_VERSION)) {
    log.info(`The index in ${indexDir} is up to date: nothing to embed.`);
    return {
      articles: articles.length,
      passages: previous.counts.passages,
      embedded: 0,
      reused: previous.counts.passages,
      removed: 0,
      skipped,
      warnings,
      seconds: seconds(),
      changed: false,
    };
  }
  if (options.force) log.info('--force: re-embedding every article.');
  else if (reason !== undefined) log.info(`Re-embedding every article: ${reason}.`);

  const stored = reuse ? await unlessDamaged(readStoredIndex, indexDir, log) : undefined;
  const plan = planIngest({
    articles,
    ...(stored === undefined ? {} : { reusable: stored }),
    previousIds: previous === undefined ? [] : Object.keys(previous.articles),
    split: (article) => splitIntoPassages(article, passageOptions),
  });
  for (const article of plan.empty) {
    skipped.push({ path: article.path, message: 'no text left after cleaning' });
  }
  if (plan.kept.length === 0) throw nothingIngested(articlesDir, skipped);

  const dimensions = embedder.dimensions;
  const vectors = reusedVectors(plan, stored, dimensions);
  log.info(
    `${plan.kept.length} articles, ${plan.passages.length} passages: embedding ` +
      `${plan.toEmbed.length}, reusing ${plan.reused.length}.`,
  );
  await embedAll(
    plan.toEmbed.map((row) => plan.passages[row]!.text),
    options,
    (index, vector) => vectors.set(vector, plan.toEmbed[index]! * dimensions),
  );
  signal?.throwIfAborted();

  const kept = plan.kept.map(indexedArticle);
  const titles = new Map(kept.map((article) => [article.id, article.title]));
  const lexicalIndex = buildLexicalIndex(plan.passages, titles);
  const unfitted: Manifest = {
    schemaVersion: INDEX_SCHEMA_VERSION,
    model: { id: embedder.id, dimensions },
    pipeline,
    reading: READING_VERSION,
    articles: manifestArticles(plan),
    counts: { articles: kept.length, passages: plan.passages.length },
    builtAt: new Date().toISOString(),
    buildSeconds: Math.round(seconds() * 100) / 100,
    dataDir: dataDirEntry(indexDir, articlesDir),
  };
  signal?.throwIfAborted();
  // The no-answer gate is fitted to this coverage and model once and stored with it; an
  // update that changes little of the coverage keeps it (gate.ts GATE_REFIT_DRIFT).
  const carried = reuse
    ? carriedGate(previous.gate, embedder.id, changedShare(plan, previous))
    : undefined;
  let gate = carried;
  if (gate !== undefined) {
    log.info(
      `Keeping the no-answer gate: ${percent(gate.drift ?? 0)} of the coverage changed since it was fitted.`,
    );
  } else {
    log.info('Fitting the no-answer gate to this coverage…');
    const fitted = {
      manifest: unfitted,
      articles: new Map(kept.map((article) => [article.id, article])),
      passages: plan.passages,
      vectors,
      lexical: lexicalIndex,
    };
    gate = await calibrateGate({
      index: fitted,
      embedder,
      neighbours: termNeighbours(fitted, embedder),
    });
  }
  signal?.throwIfAborted();
  const manifest: Manifest = { ...unfitted, gate };
  await writeIndex(
    indexDir,
    { manifest, articles: kept, passages: plan.passages, vectors, lexical: lexicalIndex.toJSON() },
    signal === undefined ? {} : { signal },
  );

  return {
    articles: kept.length,
    passages: plan.passages.length,
    embedded: plan.toEmbed.length,
    reused: plan.reused.length,
    removed: plan.removed.length,
    skipped,
    warnings,
    seconds: seconds(),
    changed: true,
  };
}
