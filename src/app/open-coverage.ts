import { describeOrigin, type CoreConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { loadEmbedder } from '../embed/load-embedder.js';
import { canonicalModelId } from '../embed/model-ids.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import type { AnswerOptions } from '../retrieve/answer-options.js';
import { answerQuestion, sourceOf } from '../retrieve/answer-question.js';
import { calibrateGate } from '../retrieve/calibrate-gate.js';
import { isUsableGate } from '../retrieve/gate.js';
import { termNeighbours } from '../retrieve/term-neighbours.js';
import type { SourceRef } from '../retrieve/answer-types.js';
import { outletsOf, resolveSource } from '../retrieve/source-filter.js';
import { newestFirst } from '../retrieve/source-order.js';
import type { CorpusIndex, Manifest } from '../store/corpus-index.js';
import { openIndex } from '../store/open-index.js';
import type { AskOptions, Coverage } from './coverage.js';
import {
  checkDataFolder,
  checkFoldersForFirstBuild,
  checkIndexFolder,
  chooseDataDir,
  dataLabel,
  indexLabel,
  ingestCommand,
  readIndexManifest,
  unrecordedCorpusProblem,
  withRebuildHint,
} from './folders.js';
import { rebuildReason } from './ingest-plan.js';
import { describeArticleChanges, findArticleChanges } from './index-freshness.js';
import { currentPipeline, ingestCorpus } from './ingest-corpus.js';
import { checkQuestion, questionProblem } from './question.js';

export interface OpenCoverageOptions {
  /** Build the index from `config.dataDir` when there is none yet (default true). */
  readonly buildIfMissing?: boolean;
  /** Answering knobs, for evaluation. */
  readonly answerOptions?: Partial<AnswerOptions>;
  /**
   * A model already loaded, used instead of loading one (the live coverage shares one model
   * across index swaps). It must be the index's model; the service's `close()` disposes it.
   */
  readonly embedder?: Embedder;
}

/**
 * Loads the index and the model it was built with, once, and returns the answering service.
 * Questions are always embedded with the index's own model: another model's vectors would
 * rank garbage without any error, so a mismatch stops here with advice instead.
 */
export async function openCoverage(
  config: CoreConfig,
  log: Logger,
  options: OpenCoverageOptions = {},
): Promise<Coverage> {
  let embedder: Embedder | undefined = options.embedder;
  const loadModel = async (model: string | undefined) =>
    (embedder ??= await loadEmbedder({
      ...(model === undefined ? {} : { model }),
      explicit: model !== undefined,
      cacheDir: config.modelCacheDir,
      hubTimeoutMs: config.hubTimeoutMs,
      warn: (message) => log.warn(message),
    }));
  // Folder checks first: a mistyped folder must be reported before any model is loaded.
  await checkIndexFolder(config, { writing: false });
  let existing = await readIndexManifest(config);
  if (existing === undefined) {
    if (options.buildIfMissing === false) {
      throw new UserError(
        `No index in ${indexLabel(config)}. Build it with: ${ingestCommand(config)}`,
      );
    }
    await checkFoldersForFirstBuild(config);
    log.info(
      `No index in ${config.indexDir} yet: building it from ${config.dataDir} (first run only).`,
    );
    await buildIndex(config, log, config.dataDir, await loadModel(config.embeddingModel));
  } else if (outdated(existing, config)) {
    // Built by an earlier version of coverage-bot (other cleaning, passages or BM25 layout):
    // it cannot be read as it is, and rebuilding it is what `npm run ingest` would do anyway.
    const dataDir = await rebuildableFrom(config, existing);
    log.info(
      `The index in ${config.indexDir} was built by an earlier version of coverage-bot: ` +
        `rebuilding it from ${dataDir} (once).`,
    );
    await buildIndex(config, log, dataDir, await loadModel(existing.model.id));
    existing = undefined;
  }

  if (existing !== undefined) {
    const choice = await chooseDataDir(config, existing);
    if (choice.conflictsWith !== undefined) {
      log.warn(
        `The index in ${indexLabel(config)} was built from ${choice.conflictsWith}, not ` +
          `${dataLabel(config)}; answering from the index as it is. To rebuild it from ` +
          `${choice.dataDir}: ${ingestCommand(config, '--force')}`,
      );
    }
    const changes = await findArticleChanges(choice.conflictsWith ?? choice.dataDir, existing);
    const stale = describeArticleChanges(changes, ingestCommand(config));
    if (stale !== undefined) log.warn(stale);
  }
  let index;
  try {
    index = await openIndex(config.indexDir);
  } catch (error) {
    throw withRebuildHint(config, error);
  }
  const model = index.manifest.model;
  if (config.embeddingModel !== undefined && canonicalModelId(config.embeddingModel) !== model.id) {
    await embedder?.dispose();
    const origin = config.origins?.embeddingModel;
    const typed = describeOrigin(origin, `EMBEDDING_MODEL=${config.embeddingModel}`);
    const drop = origin?.from === 'flag' ? `leave out ${origin.name}` : 'unset EMBEDDING_MODEL';
    throw new UserError(
      `The index in ${indexLabel(config)} was built with the model "${model.id}", but ` +
        `${typed} asks for another. Rebuild it with that model ` +
        `(${ingestCommand(config, '--force')}) or ${drop} to use the index as it is.`,
    );
  }
  embedder = await loadModel(model.id);
  if (embedder.id !== model.id || embedder.dimensions !== model.dimensions) {
    const loaded = `${embedder.id} (${embedder.dimensions} dimensions)`;
    await embedder.dispose();
    throw new UserError(
      `The index was built with ${model.id} (${model.dimensions} dimensions) but ${loaded} ` +
        `was loaded. Rebuild the index: ${ingestCommand(config, '--force')}`,
    );
  }
  if (options.answerOptions?.gate === undefined && !isUsableGate(index.manifest.gate, model.id)) {
    log.info(
      `The no-answer gate stored in ${indexLabel(config)} was fitted by an earlier version ` +
        `(or is missing): fitting one for this run. To store it: ${ingestCommand(config)}`,
    );
  }
  return await createCoverage(index, embedder, options.answerOptions ?? {});
}

async function buildIndex(
  config: CoreConfig,
  log: Logger,
  articlesDir: string,
  embedder: Embedder,
): Promise<void> {
  const summary = await ingestCorpus({ articlesDir, indexDir: config.indexDir, embedder, log });
  log.info(
    `Indexed ${summary.articles} articles (${summary.passages} passages) in ${summary.seconds.toFixed(1)} s.`,
  );
}

/**
 * Whether the index was written with other settings than this version writes (schema,
 * cleaning, passages, BM25 layout), with the model it was built with — unless the user asks
 * for another model, which openCoverage refuses with its own advice.
 */
function outdated(manifest: Manifest, config: CoreConfig): boolean {
  const asked = config.embeddingModel;
  if (asked !== undefined && canonicalModelId(asked) !== manifest.model.id) return false;
  return rebuildReason(manifest, manifest.model, currentPipeline()) !== undefined;
}

/**
 * The article folder an outdated index can be rebuilt from: its own, present and not in
 * conflict with the one the user chose; otherwise a UserError saying how to rebuild it.
 */
async function rebuildableFrom(config: CoreConfig, manifest: Manifest): Promise<string> {
  const choice = await chooseDataDir(config, manifest);
  const advice =
    `The index in ${indexLabel(config)} was built by an earlier version of coverage-bot ` +
    'and must be rebuilt';
  if (choice.conflictsWith !== undefined) {
    throw new UserError(
      `${advice}; it was built from ${choice.conflictsWith}, not ${dataLabel(config)}. ` +
        `Rebuild it: ${ingestCommand(config, '--force')}`,
    );
  }
  const unrecorded = await unrecordedCorpusProblem(config, manifest, choice.dataDir);
  if (unrecorded !== undefined) throw new UserError(`${advice}. ${unrecorded}`);
  try {
    await checkDataFolder(config, choice.dataDir);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    throw new UserError(`${advice}, but ${error.message}`);
  }
  return choice.dataDir;
}

/**
 * The Coverage service over a loaded index and its model. Unless `answerOptions.gate` is
 * given, the no-answer gate is the one fitted at ingest and stored in the manifest; an index
 * without one (built by an older version) has it fitted now (`calibrateGate`: about a second
 * at BBC size).
 */
export async function createCoverage(
  index: CorpusIndex,
  embedder: Embedder,
  answerOptions: Partial<AnswerOptions> = {},
): Promise<Coverage> {
  const deps = { index, embedder, neighbours: termNeighbours(index, embedder) };
  const stored = index.manifest.gate;
  const gate =
    answerOptions.gate ??
    (isUsableGate(stored, index.manifest.model.id) ? stored : await calibrateGate(deps));
  const options = { ...answerOptions, gate };
  const articles = [...index.articles.values()];
  const sources: SourceRef[] = newestFirst(articles.map(sourceOf));
  const outlets = outletsOf(articles);
  return {
    async ask(question: string, ask: AskOptions = {}) {
      const check = checkQuestion(question);
      if (!check.ok) throw new UserError(questionProblem(check));
      const text = check.question;
      const allowed = ask.source === undefined ? undefined : resolveSource(articles, ask.source);
      const accept =
        allowed === undefined
          ? undefined
          : (passage: number) => allowed.has(index.passages[passage]!.articleId);
      return answerQuestion(
        deps,
        text,
        { ...options, ...(ask.top === undefined ? {} : { top: ask.top }) },
        accept,
      );
    },
    sources: () => sources,
    outlets: () => outlets,
    info: () => ({
      articles: index.manifest.counts.articles,
      passages: index.manifest.counts.passages,
      outlets: outlets.length,
      model: index.manifest.model,
      builtAt: index.manifest.builtAt,
    }),
    close: () => embedder.dispose(),
  };
}
