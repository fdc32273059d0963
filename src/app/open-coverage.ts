import type { CoreConfig } from '../config.js';
import type { Embedder } from '../embed/embedder.js';
import { loadEmbedder } from '../embed/load-embedder.js';
import { canonicalModelId } from '../embed/model-ids.js';
import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { answerQuestion, sourceOf, type AnswerOptions } from '../retrieve/answer-question.js';
import { calibrateGate } from '../retrieve/calibrate-gate.js';
import type { SourceRef } from '../retrieve/answer-types.js';
import { outletsOf, resolveSource } from '../retrieve/source-filter.js';
import { newestFirst } from '../retrieve/source-order.js';
import type { CorpusIndex } from '../store/corpus-index.js';
import { openIndex, readManifest } from '../store/open-index.js';
import { MAX_QUESTION_CHARS, type AskOptions, type Coverage } from './coverage.js';
import { describeArticleChanges, findArticleChanges } from './index-freshness.js';
import { ingestCorpus } from './ingest-corpus.js';

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
  const existing = await readManifest(config.indexDir);
  if (existing === undefined) {
    if (options.buildIfMissing === false) {
      throw new UserError(`No index in ${config.indexDir}. Build it with: npm run ingest`);
    }
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
    const stale = describeArticleChanges(await findArticleChanges(config.dataDir, existing));
    if (stale !== undefined) log.warn(stale);
  }
  const index = await openIndex(config.indexDir);
  const model = index.manifest.model;
  if (config.embeddingModel !== undefined && canonicalModelId(config.embeddingModel) !== model.id) {
    await embedder?.dispose();
    throw new UserError(
      `The index in ${config.indexDir} was built with the model "${model.id}", but ` +
        `EMBEDDING_MODEL is "${config.embeddingModel}". Rebuild it with that model ` +
        '(npm run ingest -- --force) or unset EMBEDDING_MODEL to use the index as it is.',
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
        'was loaded. Rebuild the index: npm run ingest -- --force',
    );
  }
  return await createCoverage(index, embedder, options.answerOptions ?? {});
}

/**
 * The Coverage service over a loaded index and its model. Unless `answerOptions.gate` is
 * given, the no-answer gate is first calibrated on this coverage (`calibrateGate`, ~40 probe
 * questions: a fraction of a second).
 */
export async function createCoverage(
  index: CorpusIndex,
  embedder: Embedder,
  answerOptions: Partial<AnswerOptions> = {},
): Promise<Coverage> {
  const gate = answerOptions.gate ?? (await calibrateGate({ index, embedder }));
  const options = { ...answerOptions, gate };
  const articles = [...index.articles.values()];
  const sources: SourceRef[] = newestFirst(articles.map(sourceOf));
  const outlets = outletsOf(articles);
  return {
    async ask(question: string, ask: AskOptions = {}) {
      const text = question.trim();
      if (text === '') throw new UserError('The question is empty: ask about the coverage.');
      if (text.length > MAX_QUESTION_CHARS) {
        throw new UserError(
          `The question is ${text.length} characters long; keep it under ${MAX_QUESTION_CHARS}.`,
        );
      }
      const allowed = ask.source === undefined ? undefined : resolveSource(articles, ask.source);
      const accept =
        allowed === undefined
          ? undefined
          : (passage: number) => allowed.has(index.passages[passage]!.articleId);
      return answerQuestion(
        { index, embedder },
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
