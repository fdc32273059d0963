import type { Article } from './article.js';
import { countWords } from './clean.js';
import type { Passage, Span } from './passage.js';
import { splitSentences } from './sentences.js';

/** How articles are cut into passages, the units that are embedded and searched. */
export interface PassageOptions {
  /** A last passage shorter than this merges into the one before it. */
  minWords: number;
  /** Sentences are added while the passage stays within this many words. */
  maxWords: number;
  /** Sentences repeated at the start of the next passage, so context survives the cut. */
  overlapSentences: number;
}

/**
 * ~40–120 words: long enough to carry a claim with its context, short enough for the small
 * embedding model (which truncates near 256 tokens) and for an excerpt in a Discord embed.
 */
export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = Object.freeze({
  minWords: 40,
  maxWords: 120,
  overlapSentences: 1,
});

/**
 * Cuts an article's cleaned text into passages of whole sentences.
 *
 * - Sentences are taken in order while the passage stays within `maxWords`; a passage never
 *   splits a sentence, so a single sentence longer than `maxWords` is a passage on its own.
 * - Each passage after the first starts with the last `overlapSentences` sentences of the one
 *   before, unless that would leave no room for a new sentence (then it starts fresh).
 * - Passages may cross paragraph breaks: news paragraphs are often one short sentence (most
 *   BBC paragraphs are under 40 words), and a quote is often introduced in the paragraph
 *   before it. The passage text then contains the "\n\n" between them, still verbatim.
 * - A last passage under `minWords` merges into the one before, which may then exceed
 *   `maxWords` by less than `minWords`.
 *
 * Every passage's `text` equals `article.text.slice(start, end)`, and every sentence of the
 * article lies in at least one passage. Pure.
 */
export function splitIntoPassages(
  article: Pick<Article, 'id' | 'text'>,
  options: PassageOptions = DEFAULT_PASSAGE_OPTIONS,
): Passage[] {
  checkOptions(options);
  const sentences = splitSentences(article.text);
  const words = sentences.map(([start, end]) => countWords(article.text.slice(start, end)));

  // Runs of sentence indexes [first, last], inclusive.
  const runs: [number, number][] = [];
  let first = 0;
  while (first < sentences.length) {
    let last = first;
    let total = words[first] as number;
    while (last + 1 < sentences.length && total + (words[last + 1] as number) <= options.maxWords) {
      last++;
      total += words[last] as number;
    }
    const previous = runs.at(-1);
    if (previous !== undefined && last <= previous[1]) {
      // The overlap filled the passage on its own: start after the previous passage instead.
      first = previous[1] + 1;
      continue;
    }
    runs.push([first, last]);
    if (last === sentences.length - 1) break;
    first = Math.max(last + 1 - options.overlapSentences, first + 1);
  }

  mergeShortTail(runs, words, options.minWords);

  return runs.map(([from, to], index) => passageOf(article, index, sentences.slice(from, to + 1)));
}

/** Merges the last run into the one before when its new sentences are too few words. */
function mergeShortTail(runs: [number, number][], words: readonly number[], minWords: number) {
  const tail = runs.at(-1);
  const before = runs.at(-2);
  if (tail === undefined || before === undefined) return;
  let tailWords = 0;
  for (let k = tail[0]; k <= tail[1]; k++) tailWords += words[k] as number;
  if (tailWords < minWords) {
    before[1] = tail[1];
    runs.pop();
  }
}

function checkOptions(options: PassageOptions): void {
  const { minWords, maxWords, overlapSentences } = options;
  const whole = (value: number) => Number.isInteger(value) && value >= 0;
  if (!whole(minWords) || !whole(maxWords) || !whole(overlapSentences) || maxWords < 1) {
    throw new RangeError(
      `splitIntoPassages: options must be whole numbers, maxWords at least 1 (got ${JSON.stringify(options)})`,
    );
  }
  if (minWords > maxWords) {
    throw new RangeError(
      `splitIntoPassages: minWords (${minWords}) must not exceed maxWords (${maxWords})`,
    );
  }
}

/**
 * The passage made of `sentences` (a non-empty, ordered run of an article's sentence spans):
 * it spans from the first sentence's start to the last one's end, and its text is that exact
 * slice of the article.
 */
export function passageOf(
  article: Pick<Article, 'id' | 'text'>,
  index: number,
  sentences: readonly Span[],
): Passage {
  const start = sentences[0]![0];
  const end = sentences[sentences.length - 1]![1];
  return {
    id: `${article.id}#${index}`,
    articleId: article.id,
    index,
    start,
    end,
    text: article.text.slice(start, end),
    sentences,
  };
}
