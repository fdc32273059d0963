import type { Span } from './passage.js';

/**
 * Sentence segmentation for news prose: the Unicode (ICU) sentence rules of `Intl.Segmenter`,
 * plus fixes for the places where they fail on news text.
 *
 * ICU, as built into Node, knows no abbreviations ("U.S. Vice President" and "Sen. Adam
 * Schiff" become two sentences each), splits a quoted question from its attribution
 * ("“Why?” | he asked."), and does not end a sentence at "…". The fixes below work on the
 * ICU segments: merge where a break follows an abbreviation or precedes a lower-case or
 * punctuation continuation, keep a short multi-sentence quotation together, split after "…".
 * A sentence never crosses a line break: paragraphs always end sentences.
 */

/** Titles before a name: a break after them is always wrong ("Sen. Adam Schiff"). */
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sen',
  'sens',
  'rep',
  'reps',
  'gov',
  'lt',
  'gen',
  'col',
  'maj',
  'capt',
  'cmdr',
  'cdr',
  'sgt',
  'adm',
  'cpl',
  'pte',
  'rev',
  'fr',
  'st',
  'hon',
  'pres',
  'supt',
  'insp',
  'det',
  'atty',
  'amb',
  'messrs',
  'mme',
  'mlle',
  'vs',
  'cf',
  'eg',
  'ie',
  'approx',
  'ca',
  'mt',
  'ft',
  'rd',
  'ave',
  'blvd',
]);

/** Abbreviations that precede a number ("No. 10", "Jan. 5", "Art. 5", "p. 12"). */
const BEFORE_NUMBER = new Set([
  'no',
  'nos',
  'nr',
  'art',
  'fig',
  'vol',
  'ch',
  'sec',
  'p',
  'pp',
  'para',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);

/**
 * Abbreviations that often end a sentence too ("… in the U.S. The firm said"): merge unless
 * the next word is a typical sentence opener.
 */
const AMBIGUOUS = new Set(['inc', 'corp', 'ltd', 'co', 'bros', 'jr', 'sr', 'plc', 'llc', 'etc']);

/** Words that open sentences; after an ambiguous abbreviation they mean a real break. */
const SENTENCE_OPENERS = new Set(
  (
    'the a an he she it they we i you his her its their our my your but and or so yet in on ' +
    'at for this that these those there here then when while after before as if however ' +
    'meanwhile also now still some many most both all no not what who why how where one such ' +
    'last next despite although though since by with from to under over earlier later today ' +
    'yesterday tomorrow mr mrs ms dr officials analysts critics police'
  ).split(' '),
);

/** Trailing abbreviation of a segment, e.g. "U.S." in "Digital)U.S." or "Sen." */
const TRAILING_ABBREVIATION = /(?:^|[^\p{L}.])(\p{L}[\p{L}.]*)\.$/u;
/** Initialisms: "U.S.", "J.D.", "p.m." (the final dot is cut off before matching). */
const INITIALISM = /^(?:\p{L}\.)+\p{L}$/u;
/** First word of a segment after any opening quotes or brackets. */
const LEADING_WORD = /^["“‘'([]*(\p{L}+)/u;
/** A segment that starts as a continuation: lower-case letter or trailing punctuation. */
const CONTINUATION = /^(?:\p{Ll}|[)\]},;:–—-])/u;
/** "…" (optionally closed by quotes or brackets), space, then a capital: a sentence break. */
const ELLIPSIS_BREAK = /…["”’)\]]*(\s+)(?=["“‘(]?\p{Lu})/gu;
/** Words in a quotation kept together across its sentence breaks, at most. */
const MAX_WORDS_OF_JOINED_QUOTE = 50;

/**
 * ICU sentence rules with no locale tailoring. Segmenter instances are immutable and safe to
 * share; making one per call would cost more than segmenting a short article.
 */
const SEGMENTER = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Most characters handed to the segmenter at once (the default of `splitSentences`). `Intl.Segmenter` in Node 20 is super-linear
 * in the length of its input: measured here, one paragraph of 1,000 short sentences (37 kB)
 * took 14 ms, 2,000 (75 kB) 68 ms, 4,000 22 s, and 40,000 (2.3 MB) did not finish in 5 minutes.
 * Cost per MB is lowest for inputs of 1–5 kB (31–56 ms/MB, against 102 ms/MB at 10 kB and
 * 160 ms/MB at 20 kB), and nearly every news paragraph is shorter, so those go in whole.
 */
export const MAX_SEGMENTER_CHARS = 4_000;

/**
 * Where a long paragraph may be cut with no change to ICU's answer: sentence-final punctuation
 * (optionally closed by quotes or brackets), white space, then a capital, optionally behind an
 * opening quote or bracket. ICU always breaks there (rules SB8 and SB11), except after "…",
 * where `splitAfterEllipses` breaks.
 */
const SENTENCE_END = /[.!?…]["”’)\]]*\s+(?=["“‘(]?\p{Lu})/gu;
/** Characters of a sentence looked at for a trailing abbreviation; any real one is shorter. */
const ABBREVIATION_WINDOW = 64;

type MutableSpan = [number, number];

/**
 * Splits `text` into sentences. Spans are half-open offsets into `text`, in order,
 * non-overlapping, trimmed (no white space at either end) and never empty; together they cover
 * every non-space character. Headings and list items (a line without a full stop) are
 * sentences of their own. Time is linear in the length of `text`; `maxSegmenterChars` is
 * there for tests and the bench, which compare pieces of other sizes with the default.
 */
export function splitSentences(
  text: string,
  maxSegmenterChars: number = MAX_SEGMENTER_CHARS,
): Span[] {
  let spans = icuSentences(text, maxSegmenterChars);
  spans = splitAfterEllipses(text, spans);
  spans = mergeFalseBreaks(text, spans);
  spans = joinShortQuotations(text, spans);
  return spans;
}

/**
 * ICU segments, trimmed, without the all-space ones. The text goes to the segmenter in pieces
 * of at most `MAX_SEGMENTER_CHARS` (see there why), so the cost stays linear in its length.
 * Pieces end after a line break when they can, since ICU always breaks there; else at a
 * sentence end ICU breaks at too; else, in a paragraph with no such place, at white space
 * or anywhere, and then the two segments that meet at the cut are joined again, so the cut
 * never adds a break of its own.
 */
function icuSentences(text: string, maxChars: number): MutableSpan[] {
  const spans: MutableSpan[] = [];
  let start = 0;
  let joinNext = false;
  while (start < text.length) {
    const { end, clean } = nextCut(text, start, maxChars);
    const piece = text.slice(start, end);
    let first = true;
    for (const { index, segment } of SEGMENTER.segment(piece)) {
      const span = trim(text, start + index, start + index + segment.length);
      if (span === undefined) continue;
      const previous = spans.at(-1);
      if (first && joinNext && previous !== undefined) previous[1] = span[1];
      else spans.push(span);
      first = false;
    }
    joinNext = !clean;
    start = end;
  }
  return spans;
}

/**
 * The end of the piece of `text` that starts at `start`: the whole rest when it is short
 * enough, else the last line break, else the last sentence end, else the last white space,
 * else the limit itself (never between the two halves of a surrogate pair). `clean` tells
 * whether ICU would break at the cut anyway.
 */
function nextCut(text: string, start: number, maxChars: number): { end: number; clean: boolean } {
  const limit = start + maxChars;
  if (text.length <= limit) return { end: text.length, clean: true };
  // Searched in the window only: on the whole text, `lastIndexOf` would scan back to 0.
  const window = text.slice(start, limit);
  const newline = window.lastIndexOf('\n');
  if (newline >= 0) return { end: start + newline + 1, clean: true };
  // The look-ahead may see a quote and a capital (a surrogate pair) past the limit.
  const seen = text.slice(start, limit + 3);
  let sentenceEnd = 0;
  for (const match of seen.matchAll(SENTENCE_END)) {
    const end = match.index + match[0].length;
    if (end <= maxChars) sentenceEnd = end;
  }
  if (sentenceEnd > 0) return { end: start + sentenceEnd, clean: true };
  for (let k = limit - 1; k > start; k--) {
    if (isSpace(text.charCodeAt(k))) return { end: k + 1, clean: false };
  }
  const highSurrogate = (text.charCodeAt(limit - 1) & 0xfc00) === 0xd800;
  return { end: highSurrogate && limit - 1 > start ? limit - 1 : limit, clean: false };
}

function splitAfterEllipses(text: string, spans: MutableSpan[]): MutableSpan[] {
  if (!text.includes('…')) return spans;
  const result: MutableSpan[] = [];
  for (const [start, end] of spans) {
    const sentence = text.slice(start, end);
    let from = start;
    for (const match of sentence.matchAll(ELLIPSIS_BREAK)) {
      const spaceAt = start + match.index + match[0].length - (match[1]?.length ?? 0);
      result.push([from, spaceAt]);
      from = start + match.index + match[0].length;
    }
    result.push([from, end]);
  }
  return result;
}

/** Joins neighbours that ICU split at an abbreviation or before a continuation. */
function mergeFalseBreaks(text: string, spans: MutableSpan[]): MutableSpan[] {
  const result: MutableSpan[] = [];
  for (const span of spans) {
    const previous = result.at(-1);
    if (
      previous !== undefined &&
      sameParagraph(text, previous[1], span[0]) &&
      isFalseBreak(
        // Only the end of the sentence matters, and a sentence merged many times can be long.
        text.slice(Math.max(previous[0], previous[1] - ABBREVIATION_WINDOW), previous[1]),
        text.slice(span[0], span[1]),
      )
    ) {
      previous[1] = span[1];
    } else {
      result.push(span);
    }
  }
  return result;
}

function isFalseBreak(before: string, after: string): boolean {
  if (CONTINUATION.test(after)) return true;
  const abbreviation = TRAILING_ABBREVIATION.exec(before)?.[1];
  if (abbreviation === undefined) return false;
  const key = abbreviation.toLowerCase().replaceAll('.', '');
  if (TITLES.has(key)) return true;
  if (BEFORE_NUMBER.has(key)) return /^\d/.test(after);
  // A single capital is an initial in a name ("Harry S. Truman").
  const isInitial = abbreviation.length === 1 && /\p{Lu}/u.test(abbreviation);
  if (isInitial || INITIALISM.test(abbreviation) || AMBIGUOUS.has(key)) {
    const next = LEADING_WORD.exec(after)?.[1];
    return next !== undefined && !SENTENCE_OPENERS.has(next.toLowerCase());
  }
  return false;
}

/**
 * Keeps a short quotation whose sentences ICU separated in one sentence, so that an excerpt
 * never starts or ends inside quotation marks: “Have they made every concession? Certainly
 * not,” he added. Long quotations keep their sentence breaks (a passage may still hold them).
 */
function joinShortQuotations(text: string, spans: MutableSpan[]): MutableSpan[] {
  const result: MutableSpan[] = [];
  let i = 0;
  while (i < spans.length) {
    const first = spans[i] as MutableSpan;
    const joined: MutableSpan = [first[0], first[1]];
    let next = i + 1;
    if (quoteLeftOpen(text.slice(first[0], first[1]))) {
      let words = countSpanWords(text, first);
      for (let j = i + 1; j < spans.length; j++) {
        const candidate = spans[j] as MutableSpan;
        if (!sameParagraph(text, spans[j - 1]![1], candidate[0])) break;
        words += countSpanWords(text, candidate);
        if (words > MAX_WORDS_OF_JOINED_QUOTE) break;
        const event = firstQuoteEvent(text.slice(candidate[0], candidate[1]));
        if (event === 'open') break;
        if (event === 'close') {
          joined[1] = candidate[1];
          next = j + 1;
          break;
        }
      }
    }
    result.push(joined);
    i = next;
  }
  return result;
}

type QuoteEvent = 'open' | 'close';

/** The quotation marks of `sentence` as opening and closing events, in order. */
function* quoteEvents(sentence: string): Generator<QuoteEvent> {
  for (let k = 0; k < sentence.length; k++) {
    const char = sentence[k];
    if (char === '“') yield 'open';
    else if (char === '”') yield 'close';
    else if (char === '"') {
      // A straight quote closes when it follows text and is followed by space, punctuation
      // or the end ('said." Then'); otherwise it opens ('read:"We', ' "It').
      const before = sentence[k - 1];
      const after = sentence[k + 1];
      const followsText = before !== undefined && !/\s/.test(before);
      const endsWord = after === undefined || /[\s.,;:!?)\]—–-]/.test(after);
      yield followsText && endsWord ? 'close' : 'open';
    }
  }
}

const ANY_QUOTE = /["“”]/;

function quoteLeftOpen(sentence: string): boolean {
  if (!ANY_QUOTE.test(sentence)) return false;
  let open = false;
  for (const event of quoteEvents(sentence)) open = event === 'open';
  return open;
}

function firstQuoteEvent(sentence: string): QuoteEvent | undefined {
  if (!ANY_QUOTE.test(sentence)) return undefined;
  for (const event of quoteEvents(sentence)) return event;
  return undefined;
}

function sameParagraph(text: string, from: number, to: number): boolean {
  return !text.slice(from, to).includes('\n');
}

function trim(text: string, start: number, end: number): MutableSpan | undefined {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start < end ? [start, end] : undefined;
}

/** White space as `\s` sees it, tested by code so that segmenting large corpora stays fast. */
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function countSpanWords(text: string, [start, end]: MutableSpan): number {
  let count = 0;
  let inWord = false;
  for (let k = start; k < end; k++) {
    const space = isSpace(text.charCodeAt(k));
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
