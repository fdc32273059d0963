/**
 * `npm run eval -- --ablations`: the ranking variants behind the design choices, each measured
 * through the whole answer pipeline with the no-answer gate open (ranking alone is measured),
 * and, on BBC, each ranking alone on the headline→article task.
 */
import type { Embedder } from '../../src/embed/embedder.js';
import { BUNDLED_MODEL_ID } from '../../src/embed/load-embedder.js';
import type { AnswerOptions } from '../../src/retrieve/answer-options.js';
import { answerQuestion } from '../../src/retrieve/answer-question.js';
import {
  DEFAULT_RANKING,
  rankingFor,
  rankPassages,
  type RankingOptions,
} from '../../src/retrieve/rank-passages.js';
import type { CorpusIndex } from '../../src/store/corpus-index.js';
import type { HeadlineQuery } from './headlines.js';
import { hitRank, summarise, type QaSet } from './qa-set.js';
import { pct } from './report.js';

import { OPEN_GATE } from '../../src/retrieve/gate.js';

const BUNDLED = rankingFor(BUNDLED_MODEL_ID);
const VARIANTS: { name: string; options: Partial<AnswerOptions> }[] = [
  { name: 'vector only', options: { ranking: { ...DEFAULT_RANKING, mode: 'vector' } } },
  { name: 'BM25 only', options: { ranking: { ...DEFAULT_RANKING, mode: 'lexical' } } },
  { name: 'hybrid RRF k=60, equal votes', options: { ranking: DEFAULT_RANKING } },
  {
    name: 'hybrid RRF k=60, BM25 ×2',
    options: { ranking: { ...DEFAULT_RANKING, lexicalWeight: 2 } },
  },
  { name: 'hybrid RRF k=10, equal votes', options: { ranking: { ...DEFAULT_RANKING, rrfK: 10 } } },
  {
    name: 'hybrid RRF k=10, BM25 ×2',
    options: { ranking: { ...DEFAULT_RANKING, rrfK: 10, lexicalWeight: 2 } },
  },
  { name: 'hybrid RRF k=10, BM25 ×3 (default)', options: { ranking: BUNDLED } },
  {
    name: 'hybrid RRF k=20, BM25 ×4',
    options: { ranking: { ...DEFAULT_RANKING, rrfK: 20, lexicalWeight: 4 } },
  },
  { name: 'default + article boost 0.3', options: { ranking: { ...BUNDLED, articleBoost: 0.3 } } },
  { name: 'default, no MMR (λ=1)', options: { mmrLambda: 1 } },
  { name: 'default, MMR λ=0.5', options: { mmrLambda: 0.5 } },
  { name: 'default, pool 10 (6 by default)', options: { pool: 10 } },
  {
    name: 'default, no corroboration',
    options: { sameFactBigrams: Infinity, sameFactSimilarity: Infinity },
  },
];

export interface AblationRow {
  readonly name: string;
  readonly hit1: number;
  readonly hit3: number;
  readonly mrr: number;
}

/** Each variant on the answerable questions of `set` (top 3, gate open). */
export async function ablateQaSet(
  index: CorpusIndex,
  embedder: Embedder,
  questions: QaSet['onTopic'],
): Promise<AblationRow[]> {
  const rows: AblationRow[] = [];
  for (const variant of VARIANTS) {
    const ranks: number[] = [];
    for (const { question, expect, articles } of questions) {
      const answer = await answerQuestion({ index, embedder }, question, {
        ...variant.options,
        gate: OPEN_GATE,
      });
      ranks.push(hitRank(answer, expect, articles));
    }
    rows.push({ name: variant.name, ...summarise(ranks) });
  }
  return rows;
}

/** Each ranking alone on the headline→article task (hit@k and MRR@10 by article). */
export async function ablateHeadlines(
  index: CorpusIndex,
  embedder: Embedder,
  queries: readonly HeadlineQuery[],
): Promise<AblationRow[]> {
  const vectors = await embedder.embed(queries.map((q) => q.question));
  const rows: AblationRow[] = [];
  for (const { name, options } of VARIANTS.filter((v) => v.options.ranking !== undefined)) {
    const ranking: RankingOptions = options.ranking!;
    const ranks = queries.map((query, i) => {
      const ranked = rankPassages(index, query.question, vectors[i]!, ranking);
      const order: string[] = [];
      for (const hit of ranked) {
        const id = index.passages[hit.passage]!.articleId;
        if (!order.includes(id)) order.push(id);
        if (order.length === 10) break;
      }
      return order.findIndex((id) => query.accepted.includes(id)) + 1;
    });
    rows.push({ name, ...summarise(ranks) });
  }
  return rows;
}

export function formatAblations(title: string, rows: readonly AblationRow[], mrr = 'MRR'): string {
  return [
    `### Ablations: ${title}`,
    '',
    `| variant | hit@1 | hit@3 | ${mrr} |`,
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.name} | ${pct(r.hit1)} | ${pct(r.hit3)} | ${r.mrr.toFixed(3)} |`),
  ].join('\n');
}
