import { BUNDLED_MODEL_ID } from '../embed/model-ids.js';
import type { CorpusIndex } from '../store/corpus-index.js';
import { reciprocalRankFusion } from './fuse.js';
import type { Ranked } from './ranked.js';
import { nameTerms } from './term-overlap.js';
import { searchVectors } from './vector-search.js';

/** Which signals rank the passages; `hybrid` is the product, the others exist to measure it. */
export type RankingMode = 'hybrid' | 'vector' | 'lexical';

export interface RankingOptions {
  readonly mode: RankingMode;
  /** Hits taken from each signal before fusion. */
  readonly depth: number;
  /** RRF constant; larger flattens the difference between ranks. */
  readonly rrfK: number;
  /** Votes of the vector and the lexical list in the fusion. */
  readonly vectorWeight: number;
  readonly lexicalWeight: number;
  /**
   * How much an article's other strong passages lift each of its passages (0 = none): several
   * matching passages in one article are evidence that the article is about the question.
   */
  readonly articleBoost: number;
  /**
   * How much more an article's first passage counts (0 = no more). News is written lede
   * first: the opening states who, what, where and when, and a headline restates it.
   */
  readonly ledeBoost: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  mode: 'hybrid',
  depth: 50,
  rrfK: 60,
  vectorWeight: 1,
  lexicalWeight: 1,
  articleBoost: 0,
  // 0 / 0.05 / 0.1 / 0.2 / 0.4 on the tuning halves: BBC headline MRR@10 0.755 / 0.762 /
  // 0.769 / 0.765 / 0.767; seed questions MRR 0.837 / 0.837 / 0.837 / 0.814 / 0.798; BBC
  // questions 0.839 at 0–0.2.
  ledeBoost: 0.1,
};

/**
 * Per-model fusion settings, chosen with `npm run eval`. The bundled static model is much
 * weaker than BM25 on its own (seed QA hit@3 52% vs 84%; BBC titles 51% vs 100%), so with it
 * BM25 gets three votes and a small k sharpens rank differences; with equal votes the weak
 * vector list dragged hybrid below BM25 alone. A contextual hub model is a strong signal in
 * its own right and keeps the standard equal-vote RRF (k=60).
 */
const TUNED: Readonly<Record<string, Partial<RankingOptions>>> = {
  [BUNDLED_MODEL_ID]: { rrfK: 10, lexicalWeight: 3 },
};

/** The ranking settings for questions embedded with `modelId`. */
export function rankingFor(modelId: string): RankingOptions {
  return { ...DEFAULT_RANKING, ...TUNED[modelId] };
}

/** Passages best first for an embedded question, optionally restricted by `accept`. */
export function rankPassages(
  index: CorpusIndex,
  question: string,
  queryVector: Float32Array,
  options: RankingOptions = DEFAULT_RANKING,
  accept?: (passage: number) => boolean,
): Ranked[] {
  return rankWithSignals(index, question, queryVector, options, accept).fused;
}

/** The fused ranking and the lists it was fused from (the gate reads the BM25 scores). */
export interface RankedSignals {
  readonly fused: Ranked[];
  readonly vector: readonly Ranked[];
  readonly lexical: readonly Ranked[];
}

/** Like rankPassages, keeping the vector and BM25 lists. */
export function rankWithSignals(
  index: CorpusIndex,
  question: string,
  queryVector: Float32Array,
  options: RankingOptions = DEFAULT_RANKING,
  accept?: (passage: number) => boolean,
  expansion?: ReadonlyMap<string, number>,
): RankedSignals {
  const { dimensions } = index.manifest.model;
  const vector =
    options.mode === 'lexical'
      ? []
      : searchVectors(index.vectors, dimensions, queryVector, options.depth, accept);
  const lexical =
    options.mode === 'vector'
      ? []
      : index.lexical.search(
          question,
          options.depth,
          accept,
          nameTerms(index.lexical, question),
          expansion,
        );
  if (options.mode === 'vector') return { fused: vector, vector, lexical };
  if (options.mode === 'lexical') return { fused: lexical, vector, lexical };
  const fused = reciprocalRankFusion([vector, lexical], {
    k: options.rrfK,
    weights: [options.vectorWeight, options.lexicalWeight],
  });
  const led = options.ledeBoost > 0 ? boostLedes(index, fused, options.ledeBoost) : fused;
  return {
    fused: options.articleBoost > 0 ? boostByArticle(index, led, options.articleBoost) : led,
    vector,
    lexical,
  };
}

/** Raises the score of each article's first passage by the share `boost`. */
function boostLedes(index: CorpusIndex, ranked: Ranked[], boost: number): Ranked[] {
  return ranked
    .map((hit) =>
      index.passages[hit.passage]!.index === 0
        ? { passage: hit.passage, score: hit.score * (1 + boost) }
        : hit,
    )
    .sort((a, b) => b.score - a.score || a.passage - b.passage);
}

/** Adds to each passage a share of the summed scores of its article's other passages. */
function boostByArticle(index: CorpusIndex, ranked: Ranked[], boost: number): Ranked[] {
  const perArticle = new Map<string, number>();
  for (const hit of ranked) {
    const article = index.passages[hit.passage]!.articleId;
    perArticle.set(article, (perArticle.get(article) ?? 0) + hit.score);
  }
  return ranked
    .map((hit) => {
      const article = index.passages[hit.passage]!.articleId;
      const others = perArticle.get(article)! - hit.score;
      return { passage: hit.passage, score: hit.score + boost * others };
    })
    .sort((a, b) => b.score - a.score || a.passage - b.passage);
}
