/**
 * Runs the evaluation sets through the answering service exactly as the product builds it
 * (`createCoverage`: the product's gate and defaults), recording each question's outcome and,
 * for `--verbose`, what came first and the gate's evidence.
 */
import type { Coverage } from '../../src/app/coverage.js';
import { createCoverage } from '../../src/app/open-coverage.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { JSON_TOP } from '../../src/present/answer-json.js';
import type { Answer } from '../../src/retrieve/answer-types.js';
import type { CorpusIndex } from '../../src/store/corpus-index.js';
import type { HeadlineQuery } from './headlines.js';
import { articleRank, type AnswerableOutcome, type OffTopicOutcome } from './metrics.js';
import { hitRank, type QaSet } from './qa-set.js';
import type { Half } from './split.js';

/** What a question got, for the failure list. */
export interface Seen {
  readonly question: string;
  /** First result: its source id and highlighted sentence (or its text). */
  readonly first?: { readonly source: string; readonly quote: string };
  /** The gate's evidence as answering reported it (its shape is the gate's). */
  readonly evidence?: unknown;
  /** `confidence` of the answer, when the answer states one. */
  readonly confidence?: string;
  readonly ms: number;
}

export type AnswerableResult = AnswerableOutcome & Seen & { readonly expected: string };
export type OffTopicResult = OffTopicOutcome & Seen;

export interface QaResults {
  readonly answerable: readonly AnswerableResult[];
  readonly offTopic: readonly OffTopicResult[];
}

/** The product's answering service over `index`, with a tap on the gate's evidence. */
export interface EvalCoverage {
  readonly coverage: Coverage;
  /** Asks and reports what was seen along the way. */
  ask(question: string, top?: number): Promise<{ answer: Answer; seen: Seen }>;
}

/**
 * Builds the answering service as the product does (`createCoverage`), only adding a hook
 * that records the gate's evidence of each question.
 */
export async function openEvalCoverage(
  index: CorpusIndex,
  embedder: Embedder,
): Promise<EvalCoverage> {
  let evidence: unknown;
  const coverage = await createCoverage(index, embedder, {
    onEvidence: (e) => {
      evidence = e;
    },
  });
  return {
    coverage,
    async ask(question, top) {
      evidence = undefined;
      const started = performance.now();
      const answer = await coverage.ask(question, top === undefined ? {} : { top });
      const ms = performance.now() - started;
      const first = answer.results[0];
      const confidence = (answer as { confidence?: unknown }).confidence;
      const seen: Seen = {
        question,
        ms,
        ...(first === undefined
          ? {}
          : { first: { source: first.source.id, quote: first.highlight ?? first.text } }),
        ...(evidence === undefined ? {} : { evidence }),
        ...(typeof confidence === 'string' ? { confidence } : {}),
      };
      return { answer, seen };
    },
  };
}

const inHalves = (halves: readonly Half[]) => (q: { half: Half }) => halves.includes(q.half);

/** Asks every question of `set` in `halves` (default 3 results, as the product shows). */
export async function evaluateQaSet(
  target: EvalCoverage,
  set: QaSet,
  halves: readonly Half[],
): Promise<QaResults> {
  const answerable: AnswerableResult[] = [];
  for (const q of set.onTopic.filter(inHalves(halves))) {
    const { answer, seen } = await target.ask(q.question);
    // Asked again for five results, as `ask --json` gives them (a wider pool may reorder).
    const { answer: five } = await target.ask(q.question, JSON_TOP);
    answerable.push({
      ...seen,
      style: q.style,
      half: q.half,
      rank: hitRank(answer, q.expect, q.articles),
      rank5: hitRank(five, q.expect, q.articles),
      answered: answer.answered,
      expected:
        q.expect.map((e) => `"${e}"`).join(' or ') +
        (q.articles === undefined ? '' : ` from ${q.articles.join(', ')}`),
    });
  }
  const offTopic: OffTopicResult[] = [];
  for (const q of set.offTopicQuestions.filter(inHalves(halves))) {
    const { answer, seen } = await target.ask(q.question);
    offTopic.push({ ...seen, style: q.style, half: q.half, answered: answer.answered });
  }
  return { answerable, offTopic };
}

/** Depth of the headline→article ranking (MRR@10). */
export const HEADLINE_DEPTH = 10;

/** Asks each headline for `HEADLINE_DEPTH` results and finds its article's rank. */
export async function evaluateHeadlines(
  target: EvalCoverage,
  queries: readonly HeadlineQuery[],
  halves: readonly Half[],
): Promise<AnswerableResult[]> {
  const results: AnswerableResult[] = [];
  for (const q of queries.filter(inHalves(halves))) {
    const { answer, seen } = await target.ask(q.question, HEADLINE_DEPTH);
    results.push({
      ...seen,
      style: q.style,
      half: q.half,
      rank: articleRank(answer, new Set(q.accepted), HEADLINE_DEPTH),
      answered: answer.answered,
      expected: q.accepted.join(' or '),
    });
  }
  return results;
}
