import type { CorpusIndex } from '../store/corpus-index.js';
import { YEAR_DIGITS } from './term-overlap.js';

/**
 * A question's date words count as evidence only where the coverage's texts can confirm them.
 * As words the coverage lacks, they would weigh most in the gate's evidence and decline a
 * question the coverage answers, so these are left out of the question:
 * - any year, of coverage that states none (the seed articles: no year in their text, no
 *   date): "What did Vance say in 2025?" asks what "What did Vance say?" asks;
 * - a year only the articles' dates give (the texts never write "2025"): it says "from these
 *   articles' time";
 * - a month or weekday name the texts never write ("… in August?").
 * The others stay, and the gate reads them (gate-evidence.ts: "the Man Booker Prize in 2005",
 * asked of coverage of 2004's).
 */

/** A year in a question's text (term-overlap.ts `YEAR_DIGITS`: 1800–2099). */
const YEAR_WORD = new RegExp(`(?<![\\p{L}\\p{N}])${YEAR_DIGITS}(?![\\p{L}\\p{N}])`, 'gu');
const HAS_YEAR = new RegExp(YEAR_WORD.source, 'u');
const FIRST_YEAR = 1800;
const LAST_YEAR = 2099;

interface CoverageYears {
  /** Whether any year is in the texts or the dates. */
  readonly stated: boolean;
  /** The years of the articles' dates. */
  readonly dated: ReadonlySet<string>;
}

const cache = new WeakMap<CorpusIndex, CoverageYears>();

function yearsOf(index: CorpusIndex): CoverageYears {
  let years = cache.get(index);
  if (years === undefined) {
    const dated = new Set<string>();
    for (const article of index.articles.values()) {
      const year = article.published?.match(/^\d{4}/u)?.[0];
      if (year !== undefined) dated.add(year);
    }
    let stated = dated.size > 0;
    for (let year = FIRST_YEAR; !stated && year <= LAST_YEAR; year++)
      stated = index.lexical.documentFrequency(String(year)) > 0;
    years = { stated, dated };
    cache.set(index, years);
  }
  return years;
}

/**
 * Month and weekday names, capitalised as dates are. A month the texts write stays: it tells
 * one report from another. "May" is left alone: it is a name and a verb as often.
 */
const CALENDAR_WORD =
  /(?<![\p{L}\p{N}])(?:January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\p{L}\p{N}])/gu;

const HAS_CALENDAR_WORD = new RegExp(CALENDAR_WORD.source, 'u');

/** `question` without the date words that say nothing about this coverage (see above). */
export function withoutSilentDates(index: CorpusIndex, question: string): string {
  if (!HAS_YEAR.test(question) && !HAS_CALENDAR_WORD.test(question)) return question;
  const years = yearsOf(index);
  const silentYear = (year: string) =>
    !years.stated || (years.dated.has(year) && index.lexical.documentFrequency(year) === 0);
  const unwritten = (word: string) =>
    index.lexical.terms(word).every((term) => index.lexical.documentFrequency(term) === 0);
  return question
    .replace(YEAR_WORD, (year) => (silentYear(year) ? ' ' : year))
    .replace(CALENDAR_WORD, (word) => (unwritten(word) ? ' ' : word))
    .replace(/\s{2,}/gu, ' ')
    .trim();
}
