/**
 * The measures of `npm run eval`, as pure functions over per-question outcomes, so that the
 * numbers the README quotes are computed one way and unit-tested.
 */
import type { Answer } from '../../src/retrieve/answer-types.js';
import type { Half } from './split.js';

/** What happened to one answerable question. */
export interface AnswerableOutcome {
  readonly style: string;
  readonly half: Half;
  /** 1-based rank of the first correct result, 0 when none (or declined). */
  readonly rank: number;
  /**
   * The same when up to JSON_TOP (5) results are asked for, as `ask --json` gives; absent:
   * `rank` was measured that deep already (headlines).
   */
  readonly rank5?: number;
  /** False when the gate declined it: a false decline. */
  readonly answered: boolean;
}

/** What happened to one off-topic question. */
export interface OffTopicOutcome {
  readonly style: string;
  readonly half: Half;
  readonly answered: boolean;
}

export interface AnswerableSummary {
  readonly n: number;
  readonly hit1: number;
  readonly hit3: number;
  /** A correct result among the first five (`rank5`), as `ask --json` shows them. */
  readonly hit5: number;
  /** Mean reciprocal rank over the results shown (a miss or a decline counts 0). */
  readonly mrr: number;
  /** Share of these answerable questions that were declined. */
  readonly falseDeclines: number;
}

export interface OffTopicSummary {
  readonly n: number;
  /** Share declined (the right outcome). */
  readonly declined: number;
}

const share = (count: number, n: number) => (n === 0 ? 0 : count / n);

export function summariseAnswerable(outcomes: readonly AnswerableOutcome[]): AnswerableSummary {
  const n = outcomes.length;
  return {
    n,
    hit1: share(outcomes.filter((o) => o.rank === 1).length, n),
    hit3: share(outcomes.filter((o) => o.rank >= 1 && o.rank <= 3).length, n),
    hit5: share(
      outcomes.filter((o) => (o.rank5 ?? o.rank) >= 1 && (o.rank5 ?? o.rank) <= 5).length,
      n,
    ),
    mrr: share(
      outcomes.reduce((sum, o) => sum + (o.rank > 0 ? 1 / o.rank : 0), 0),
      n,
    ),
    falseDeclines: share(outcomes.filter((o) => !o.answered).length, n),
  };
}

export function summariseOffTopic(outcomes: readonly OffTopicOutcome[]): OffTopicSummary {
  return {
    n: outcomes.length,
    declined: share(outcomes.filter((o) => !o.answered).length, outcomes.length),
  };
}

/** Summaries keyed by half (`tune`, `test`, `all`), then by style plus `all`. */
export type ByHalfAndStyle<S> = Record<string, Record<string, S>>;

/**
 * Groups outcomes by half and style and summarises each group: `[half][style]`, with `all`
 * for every half and every style. Halves and styles with no outcome are left out.
 */
export function breakDown<O extends { readonly style: string; readonly half: Half }, S>(
  outcomes: readonly O[],
  summarise: (group: readonly O[]) => S,
): ByHalfAndStyle<S> {
  const result: ByHalfAndStyle<S> = {};
  const halves = [...new Set(outcomes.map((o) => o.half))].sort().reverse(); // tune, test
  const styles = [...new Set(outcomes.map((o) => o.style))];
  for (const half of [...halves, 'all']) {
    const inHalf = outcomes.filter((o) => half === 'all' || o.half === half);
    if (inHalf.length === 0) continue;
    const row: Record<string, S> = {};
    for (const style of styles) {
      const group = inHalf.filter((o) => o.style === style);
      if (group.length > 0) row[style] = summarise(group);
    }
    row.all = summarise(inHalf);
    result[half] = row;
  }
  return result;
}

/**
 * 1-based rank of the first of `answer`'s results (at most `depth`) that shows one of the
 * `accepted` articles, as its source or as "also reported by"; 0 when none does.
 */
export function articleRank(
  answer: Answer,
  accepted: ReadonlySet<string>,
  depth = Number.POSITIVE_INFINITY,
): number {
  const index = answer.results
    .slice(0, depth)
    .findIndex((result) =>
      [result.source, ...result.alsoReportedBy].some((source) => accepted.has(source.id)),
    );
  return index + 1;
}
