/**
 * The fixed question lists of the query benchmark: the same questions on every run, so two
 * runs measure the same work.
 */
import { readFile } from 'node:fs/promises';

/** `test/fixtures/qa.json`: on-topic questions carry expected quotes, off-topic ones are bare. */
interface QaFile {
  readonly onTopic: readonly { readonly question: string }[];
  /** Bare strings, or objects with the question, its style and half (scripts/eval/qa-set.ts). */
  readonly offTopic: readonly (string | { readonly question: string })[];
}

/** Every question (on- and off-topic) of the seed QA set `test/fixtures/qa.json`. */
export async function seedQuestions(qaFile: string): Promise<string[]> {
  const qa = JSON.parse(await readFile(qaFile, 'utf8')) as QaFile;
  return [
    ...qa.onTopic.map((entry) => entry.question),
    ...qa.offTopic.map((entry) => (typeof entry === 'string' ? entry : entry.question)),
  ];
}

/**
 * Headlines are noun phrases ("Ad sales boost Time Warner profit"); a reader asks about them
 * in a few set ways. Rotating the wording keeps the question words from being the same
 * filler on every query.
 */
const TEMPLATES: readonly ((title: string) => string)[] = [
  (title) => `What did the reports say about ${title}?`,
  (title) => `Is it true that ${title}?`,
  (title) => `What is known about ${title}?`,
];

/**
 * `count` questions made from article titles, sampled at even steps through the articles
 * sorted by id: deterministic, and spread over every topic folder of the BBC corpus.
 */
export function titleQuestions(
  articles: Iterable<{ readonly id: string; readonly title: string }>,
  count: number,
): string[] {
  const sorted = [...articles].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const step = Math.max(1, sorted.length / count);
  const questions: string[] = [];
  for (let i = 0; i < count && Math.floor(i * step) < sorted.length; i++) {
    // Titles keep their capitals: lower-casing "Tory" or "Time Warner" would be wrong.
    const title = sorted[Math.floor(i * step)]!.title.trim();
    questions.push(TEMPLATES[i % TEMPLATES.length]!(title));
  }
  return questions;
}
