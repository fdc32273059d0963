import { readFile } from 'node:fs/promises';
import type { Answer } from '../../src/retrieve/answer-types.js';
import { alternateHalves, HALVES, type Half } from './split.js';

/** The five styles of answerable questions issue #8 asks of the seed set. */
export const SEED_STYLES = ['paraphrase', 'name', 'headline', 'factoid', 'multi-outlet'] as const;
/**
 * Styles of answerable questions: how a reader phrases them. Besides the seed styles, "open"
 * asks what someone said or why something happened, and "keywords" is a few words typed as a
 * search.
 */
export const ON_TOPIC_STYLES = [...SEED_STYLES, 'open', 'keywords'] as const;
/** Styles of off-topic questions: plain general knowledge, or sharing common news words. */
export const OFF_TOPIC_STYLES = ['general', 'news-words'] as const;

/** An answerable question of a QA set. */
export interface OnTopicQuestion {
  readonly question: string;
  /** A correct quote contains one of these (verbatim article strings, case-insensitive). */
  readonly expect: readonly string[];
  /** When given, the quote must also come from (or be corroborated by) one of these. */
  readonly articles?: readonly string[];
  readonly style: string;
  readonly half: Half;
}

/** A question the coverage does not answer: it must be declined. */
export interface OffTopicQuestion {
  readonly question: string;
  readonly style: string;
  readonly half: Half;
}

/** A QA set (test/fixtures/qa.json, test/fixtures/bbc-qa.json). */
export interface QaSet {
  readonly onTopic: readonly OnTopicQuestion[];
  /** The off-topic questions' text (the shape older readers expect). */
  readonly offTopic: readonly string[];
  /** The off-topic questions with their style and half. */
  readonly offTopicQuestions: readonly OffTopicQuestion[];
}

interface QaFile {
  readonly onTopic: readonly OnTopicQuestion[];
  readonly offTopic: readonly (string | OffTopicQuestion)[];
}

/**
 * Reads a QA set. Off-topic entries may be bare strings (older files: style `general`, halves
 * by the alternation rule) or objects with their style and half.
 */
export async function readQaSet(file: string): Promise<QaSet> {
  return parseQaSet(JSON.parse(await readFile(file, 'utf8')) as QaFile);
}

export function parseQaSet(raw: QaFile): QaSet {
  const bare = raw.offTopic.map((entry) =>
    typeof entry === 'string' ? { question: entry, style: 'general' } : entry,
  );
  const halves = alternateHalves(bare, (q) => q.style);
  const offTopicQuestions = bare.map((q, i) => ({
    question: q.question,
    style: q.style,
    half: 'half' in q ? q.half : halves[i]!,
  }));
  return {
    onTopic: raw.onTopic,
    offTopic: offTopicQuestions.map((q) => q.question),
    offTopicQuestions,
  };
}

/**
 * What is wrong with a QA set, one line per problem (empty when it is sound): every `expect`
 * string must occur in an article body (in one of `articles` when given), every article id
 * must exist, styles must be known, halves must follow the alternation rule, and no question
 * may appear twice.
 */
export function findSetProblems(set: QaSet, articleText: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const lowered = new Map([...articleText].map(([id, text]) => [id, text.toLowerCase()]));
  const seen = new Set<string>();
  const once = (question: string) => {
    const key = question.trim().toLowerCase();
    if (seen.has(key)) problems.push(`"${question}" appears twice`);
    seen.add(key);
  };
  for (const q of set.onTopic) {
    once(q.question);
    if (!(ON_TOPIC_STYLES as readonly string[]).includes(q.style)) {
      problems.push(`"${q.question}": unknown style "${q.style}"`);
    }
    if (q.expect.length === 0) problems.push(`"${q.question}": no expect string`);
    for (const id of q.articles ?? []) {
      if (!lowered.has(id)) problems.push(`"${q.question}": no article "${id}"`);
    }
    const where = q.articles ?? [...lowered.keys()];
    for (const phrase of q.expect) {
      const needle = phrase.toLowerCase();
      if (!where.some((id) => lowered.get(id)?.includes(needle))) {
        problems.push(
          `"${q.question}": "${phrase}" occurs in no ${q.articles ? 'listed ' : ''}article body`,
        );
      }
    }
  }
  for (const q of set.offTopicQuestions) {
    once(q.question);
    if (!(OFF_TOPIC_STYLES as readonly string[]).includes(q.style)) {
      problems.push(`"${q.question}": unknown off-topic style "${q.style}"`);
    }
  }
  const check = (items: readonly { question: string; style: string; half: Half }[]) => {
    const rule = alternateHalves(items, (q) => q.style);
    items.forEach((q, i) => {
      if (!HALVES.includes(q.half)) problems.push(`"${q.question}": half must be tune or test`);
      else if (q.half !== rule[i]) {
        problems.push(
          `"${q.question}": half is "${q.half}", the alternation rule says "${rule[i]}"`,
        );
      }
    });
  };
  check(set.onTopic);
  check(set.offTopicQuestions);
  return problems;
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
