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

type MutableSpan = [number, number];

/**
 * Splits `text` into sentences. Spans are half-open offsets into `text`, in order,
 * non-overlapping, trimmed (no white space at either end) and never empty; together they cover
 * every non-space character. Headings and list items (a line without a full stop) are
 * sentences of their own.
 */
export function splitSentences(text: string): Span[] {
  let spans = icuSentences(text);
  spans = splitAfterEllipses(text, spans);
  spans = mergeFalseBreaks(text, spans);
  spans = joinShortQuotations(text, spans);
  return spans;
}

/** ICU segments, trimmed, without the all-space ones. */
function icuSentences(text: string): MutableSpan[] {
  const spans: MutableSpan[] = [];
  for (const { index, segment } of SEGMENTER.segment(text)) {
    const span = trim(text, index, index + segment.length);
    if (span !== undefined) spans.push(span);
  }
  return spans;
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
      isFalseBreak(text.slice(previous[0], previous[1]), text.slice(span[0], span[1]))
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
