import { readFile } from 'node:fs/promises';
import type { Answer } from '../../src/retrieve/answer-types.js';

/** The seed QA set (test/fixtures/qa.json). */
export interface QaSet {
  readonly onTopic: readonly {
    readonly question: string;
    readonly expect: readonly string[];
    /** When given, the quote must also come from (or be corroborated by) one of these. */
    readonly articles?: readonly string[];
  }[];
  readonly offTopic: readonly string[];
}

export async function readQaSet(file: string): Promise<QaSet> {
  return JSON.parse(await readFile(file, 'utf8')) as QaSet;
}

/**
 * 1-based rank of the first result quoting one of `expect` (case-insensitive) — from one of
 * `articles` when given — or 0.
 */
export function hitRank(
  answer: Answer,
  expect: readonly string[],
  articles?: readonly string[],
): number {
  const wanted = expect.map((phrase) => phrase.toLowerCase());
  const index = answer.results.findIndex(
    (result) =>
      wanted.some((phrase) => result.text.toLowerCase().includes(phrase)) &&
      (articles === undefined ||
        [result.source, ...result.alsoReportedBy].some((s) => articles.includes(s.id))),
  );
  return index + 1;
}

/** hit@1, hit@3 and MRR over 1-based ranks (0 = missed). */
export function summarise(ranks: readonly number[]) {
  const n = Math.max(1, ranks.length);
  return {
    hit1: ranks.filter((r) => r === 1).length / n,
    hit3: ranks.filter((r) => r >= 1 && r <= 3).length / n,
    mrr: ranks.reduce((sum, r) => sum + (r > 0 ? 1 / r : 0), 0) / n,
  };
}
