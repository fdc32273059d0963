import { describeOrigin, type CoreConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { loadEmbedder } from '../embed/load-embedder.js';
import { canonicalModelId } from '../embed/model-ids.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { answerQuestion, sourceOf, type AnswerOptions } from '../retrieve/answer-question.js';
import { calibrateGate } from '../retrieve/calibrate-gate.js';
import { isUsableGate } from '../retrieve/gate.js';
import { termNeighbours } from '../retrieve/term-neighbours.js';
import type { SourceRef } from '../retrieve/answer-types.js';
import { outletsOf, resolveSource } from '../retrieve/source-filter.js';
import { newestFirst } from '../retrieve/source-order.js';
import type { CorpusIndex } from '../store/corpus-index.js';
import { openIndex } from '../store/open-index.js';
import type { AskOptions, Coverage } from './coverage.js';
import {
  checkFoldersForFirstBuild,
  checkIndexFolder,
  chooseDataDir,
  dataLabel,
  indexLabel,
  ingestCommand,
  readIndexManifest,
  withRebuildHint,
} from './folders.js';
import { describeArticleChanges, findArticleChanges } from './index-freshness.js';
import { ingestCorpus } from './ingest-corpus.js';
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
  // Folder checks first: a mistyped folder must be reported before any model is loaded.
  await checkIndexFolder(config, { writing: false });
  const existing = await readIndexManifest(config);
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
    embedder ??= await loadEmbedder({
      ...(config.embeddingModel === undefined ? {} : { model: config.embeddingModel }),
      explicit: config.embeddingModel !== undefined,
      cacheDir: config.modelCacheDir,
      hubTimeoutMs: config.hubTimeoutMs,
      warn: (message) => log.warn(message),
    });
    const summary = await ingestCorpus({
      articlesDir: config.dataDir,
      indexDir: config.indexDir,
      embedder,
      log,
    });
    log.info(
      `Indexed ${summary.articles} articles (${summary.passages} passages) in ${summary.seconds.toFixed(1)} s.`,
    );
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
  embedder ??= await loadEmbedder({
    model: model.id,
    explicit: true,
    cacheDir: config.modelCacheDir,
    hubTimeoutMs: config.hubTimeoutMs,
    warn: (message) => log.warn(message),
  });
  if (embedder.id !== model.id || embedder.dimensions !== model.dimensions) {
    const loaded = `${embedder.id} (${embedder.dimensions} dimensions)`;
    await embedder.dispose();
    throw new UserError(
      `The index was built with ${model.id} (${model.dimensions} dimensions) but ${loaded} ` +
        `was loaded. Rebuild the index: ${ingestCommand(config, '--force')}`,
    );
  }
  return await createCoverage(index, embedder, options.answerOptions ?? {});
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
