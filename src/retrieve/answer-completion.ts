import type { Span } from '../ingest/passage.js';
import { holdsAnswer, namesAskedFor, type AnswerType } from './answer-type.js';
import { ELLIPSIS, isClockTime, isHeading, withoutBullet, type Excerpt } from './excerpt.js';

export interface CompletionOptions {
  /** Longest sentence that may be added, in characters. */
  readonly maxChars: number;
}

/** What completing one quote needs to know. */
export interface Incomplete {
  readonly articleText: string;
  /** Every sentence of the article, in order. */
  readonly sentences: readonly Span[];
  readonly excerpt: Excerpt;
  /** Article ranges that results already show: an added sentence repeats none of them. */
  readonly taken: readonly Span[];
  readonly wanted: AnswerType;
  readonly question: string;
  /** Share of the question's terms a sentence holds (IDF-weighted). */
  readonly coverage: (sentence: string) => number;
}

/**
 * A quote that lacks the kind of answer the question asks for ("How much did the network
 * cost?" quoted with the sentences that describe the network) gets, after an ellipsis, the
 * sentence of the same article that holds one — "… Cepes led the $200,000 project, …". News
 * names its subject in one paragraph and gives the figure in another, and a passage boundary
 * often falls between them. Of the sentences holding such an answer, the one with most of the
 * question's terms is added, the nearest to the quote on a tie; the quote is otherwise
 * unchanged, and the added sentence becomes its highlight. `added` is where it is.
 */
export function completeAnswer(
  quote: Incomplete,
  options: CompletionOptions,
): Excerpt & { readonly added?: Span } {
  const { articleText, excerpt, wanted, question } = quote;
  const quoted = articleText.slice(excerpt.start, excerpt.end);
  // "Which band …": a quote that names someone, but not the band, gets the sentence that does.
  const named = (text: string) => namesAskedFor(text, question) === true;
  const byName =
    wanted === 'person' && namesAskedFor(quoted, question) === false
      ? answerSentence(quote, options, named)
      : undefined;
  if (byName === undefined && holdsAnswer(quoted, wanted, question)) return excerpt;
  const added = byName ?? answerSentence(quote, options);
  if (added === undefined) return excerpt;
  const sentence = withoutBullet(articleText.slice(added[0], added[1]).trim());
  const main = excerpt.text.replace(/^…|…$/gu, '');
  const opens = excerpt.text.startsWith(ELLIPSIS) ? ELLIPSIS : '';
  const closes = excerpt.text.endsWith(ELLIPSIS) ? ELLIPSIS : '';
  const text =
    added[0] < excerpt.start
      ? `${ELLIPSIS}${sentence} ${ELLIPSIS} ${main}${closes}`
      : `${opens}${main} ${ELLIPSIS} ${sentence}${ELLIPSIS}`;
  return { ...excerpt, text, highlight: sentence, added };
}

/** The sentence to add (one that `holds`, by default the answer kind): see completeAnswer. */
function answerSentence(
  quote: Incomplete,
  options: CompletionOptions,
  holds = (text: string) => holdsAnswer(text, quote.wanted, quote.question),
): Span | undefined {
  const { articleText, excerpt, wanted } = quote;
  const overlaps = (span: Span) =>
    quote.taken.some(([start, end]) => span[0] < end && start < span[1]);
  // A live blog's entry is dated by the time stamped above it (above the entry's own heading,
  // if it has one): for "when", that is the answer.
  if (wanted === 'time') {
    const stamp = entryStamp(articleText, quote.sentences, excerpt.start);
    if (stamp !== undefined && !overlaps(stamp)) return stamp;
  }
  let best: Span | undefined;
  let bestCoverage = -1;
  let bestDistance = Infinity;
  for (const span of quote.sentences) {
    if (span[1] - span[0] > options.maxChars || overlaps(span)) continue;
    const text = articleText.slice(span[0], span[1]);
    if (isHeading(text) || !holds(text)) continue;
    const coverage = quote.coverage(text);
    const distance = span[0] >= excerpt.end ? span[0] - excerpt.end : excerpt.start - span[1];
    if (coverage > bestCoverage || (coverage === bestCoverage && distance < bestDistance)) {
      bestCoverage = coverage;
      bestDistance = distance;
      best = span;
    }
  }
  return best;
}

/** The time stamped above the text at `start`, across headings only, if there is one. */
function entryStamp(
  articleText: string,
  sentences: readonly Span[],
  start: number,
): Span | undefined {
  for (let i = sentences.findLastIndex(([, end]) => end <= start); i >= 0; i--) {
    const text = articleText.slice(sentences[i]![0], sentences[i]![1]);
    if (isClockTime(text)) return sentences[i];
    if (!isHeading(text)) return undefined;
  }
  return undefined;
}
