import type { Embedder } from '../embed/embedder.js';
import type { CorpusIndex } from '../store/corpus-index.js';
import type { AnswerOptions } from './answer-options.js';
import { answersAsAsked, expectedAnswerType, holdsAnswer, type AnswerType } from './answer-type.js';
import { isHeading } from './excerpt.js';
import { dotProduct } from './vector-search.js';
import {
  factBigrams,
  termCoverage,
  termFound,
  type QueryTerms,
  type TermStats,
} from './term-overlap.js';

/** A pooled passage with its best sentence, as the grouping and diversity steps see it. */
export interface Candidate {
  readonly passage: number;
  readonly articleId: string;
  /** Fused rank score, rescaled to 0–1 within this question. */
  readonly relevance: number;
  readonly best: number;
  /** Fact bigrams (see factBigrams) of the best sentence. */
  readonly bestBigrams: ReadonlySet<string>;
  readonly bestVector: Float32Array;
  /** Where the best sentence starts in its article's text. */
  readonly bestStart: number;
}

/**
 * Finds each pooled passage's best sentence: the one closest to the question in meaning plus
 * the share of question terms it contains. All sentences of the pool are embedded in one batch.
 */
export async function pickBestSentences(
  deps: { readonly index: CorpusIndex; readonly embedder: Embedder },
  stats: TermStats,
  query: QueryTerms,
  queryVector: Float32Array,
  pool: readonly { passage: number; score: number }[],
  question: string,
  opts: AnswerOptions,
): Promise<Candidate[]> {
  const wanted = expectedAnswerType(question);
  const { index, embedder } = deps;
  const texts: string[] = [];
  const owners: number[] = [];
  pool.forEach((hit, position) => {
    const passage = index.passages[hit.passage]!;
    const article = index.articles.get(passage.articleId)!;
    for (const [start, end] of passage.sentences) {
      texts.push(article.text.slice(start, end));
      owners.push(position);
    }
  });
  const vectors = await embedder.embed(texts);
  return pool.map((hit, position) => {
    const passage = index.passages[hit.passage]!;
    let best = 0;
    let bestScore = -Infinity;
    let bestBonus = 1;
    let sentence = 0;
    owners.forEach((owner, i) => {
      if (owner !== position) return;
      const bonus = answerBonus(texts[i]!, wanted, question, opts);
      const score =
        (dotProduct(vectors[i]!, queryVector) + termCoverage(stats, query, texts[i]!)) *
        answerLikeness(texts[i]!) *
        bonus;
      if (score > bestScore) {
        bestScore = score;
        best = sentence;
        bestBonus = bonus;
      }
      sentence++;
    });
    const first = owners.indexOf(position);
    const bestText = texts[first + best]!;
    // A passage whose quoted sentence holds the question's terms together ranks above one
    // that only gathers them across sentences.
    const weighted = opts.focusWeighting;
    const share =
      (1 - weighted) * termShare(stats, query, bestText) +
      weighted * termCoverage(stats, query, bestText);
    const focus = 1 - opts.sentenceFocus + opts.sentenceFocus * share;
    return {
      passage: hit.passage,
      articleId: passage.articleId,
      relevance: hit.score * focus * bestBonus,
      best,
      bestBigrams: factBigrams(stats, bestText),
      bestVector: vectors[first + best]!,
      bestStart: passage.sentences[best]![0],
    };
  });
}

/**
 * How much more a sentence counts for holding the kind of answer asked for (answerTypeBonus),
 * and more again for giving it as asked: the name right after the noun of a "which band / MP …"
 * question (namedAnswerBonus), a number of what a "how many …" question counts
 * (countedAnswerBonus).
 */
export function answerBonus(
  sentence: string,
  wanted: AnswerType | undefined,
  question: string,
  opts: AnswerOptions,
): number {
  if (wanted === undefined) return 1;
  // An answer as asked holds the kind asked for (holdsAnswer), so it is tested once, first.
  if (answersAsAsked(sentence, wanted, question) === true)
    return (
      (1 + opts.answerTypeBonus) *
      (1 + (wanted === 'quantity' ? opts.countedAnswerBonus : opts.namedAnswerBonus))
    );
  return holdsAnswer(sentence, wanted, question) ? 1 + opts.answerTypeBonus : 1;
}

/**
 * Share of the question's distinct terms found in a sentence, each counting the same: unlike
 * IDF-weighted coverage, the name a whole coverage is about ("Vance" in every seed article)
 * still has to be in the sentence that quotes him.
 */
function termShare(stats: TermStats, query: QueryTerms, sentence: string): number {
  if (query.weights.size === 0) return 0;
  const present = new Set(stats.terms(sentence));
  let found = 0;
  for (const term of query.weights.keys()) if (termFound(query, term, present) > 0) found++;
  return found / query.weights.size;
}

/**
 * How much a sentence can stand as an answer: a question ("Have they made every
 * concession?") echoes the asker's words without answering them, and a few words without a
 * verb are usually a heading ("At a Glance"); both are poor quotes, but may still be the only
 * match, so they are discounted rather than excluded.
 */
export function answerLikeness(sentence: string): number {
  if (isHeading(sentence)) return HEADING_LIKENESS;
  const interrogative = sentence.includes('?');
  const short = sentence.split(/\s+/u).length < 6;
  return (interrogative ? 0.5 : 1) * (short ? 0.5 : 1);
}

/**
 * A heading or a bare list label is never the answer: it is quoted only when nothing else in
 * the passage matches at all.
 */
const HEADING_LIKENESS = 0.05;
