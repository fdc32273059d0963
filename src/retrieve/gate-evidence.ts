import type { Span } from '../ingest/passage.js';
import type { GateEvidence } from './gate.js';
import type { Ranked } from './ranked.js';
import { sameCountryTerms } from './place-names.js';
import { matchedMass, termFound, YEAR, type QueryTerms, type TermStats } from './term-overlap.js';

/**
 * A name in at most this share of the passages is distinctive: the question is about it.
 * On the tuning halves, 1% / 0.5% / 0.3% / any share declined 7 / 6 / 3 / 8 of 27 BBC
 * off-topic questions and 0 / 0 / 0 / 2 of 59 answerable ones: common names (Britain,
 * America) are often paraphrased (the article writes "UK", "US").
 */
export const DISTINCTIVE_NAME_SHARE = 0.01;

/** A top candidate passage as the gate sees it. */
export interface HeadPassage {
  /** Its sentences' texts (together, the passage). */
  readonly sentences: readonly string[];
  /** Cosine with the question. */
  readonly similarity: number;
  /**
   * Its article's title, outlet and text, built only when asked (rarely: see measureEvidence).
   * A name anywhere in the article counts as found with the passage: on the evaluation sets,
   * passages alone and whole articles decline the same questions, and the article is the
   * safer reading for coverage not yet measured.
   */
  readonly article?: () => string;
}

/**
 * Measures the gate's evidence (see GateEvidence) from the best fused passages and the BM25
 * list. Masses are divided by the coverage's largest IDF (a term in one passage), so that they
 * mean the same on five articles and on five thousand.
 */
export function measureEvidence(
  stats: TermStats,
  query: QueryTerms,
  head: readonly HeadPassage[],
  lexical: readonly Ranked[],
): GateEvidence {
  const unit = Math.log(1 + Math.max(1, stats.documentCount));
  let similarity = head.length === 0 ? 0 : -Infinity;
  let bestMass = 0;
  let bestSentenceMass = 0;
  const inHead = new Set<string>();
  for (const passage of head) {
    similarity = Math.max(similarity, passage.similarity);
    // The passage's terms are its sentences' terms: each sentence is analysed once.
    const inPassage = new Set<string>();
    for (const sentence of passage.sentences) {
      const terms = new Set(stats.terms(sentence));
      for (const term of terms) inPassage.add(term);
      bestSentenceMass = Math.max(bestSentenceMass, matchedMass(query, terms));
    }
    bestMass = Math.max(bestMass, matchedMass(query, inPassage));
    for (const term of inPassage) inHead.add(term);
  }
  // The rest of their articles is read only for a name the passages lack (rarely needed).
  let inArticles: Set<string> | undefined;
  const inTheirArticles = (term: string) => {
    if (inArticles === undefined) {
      inArticles = new Set(inHead);
      for (const passage of head)
        if (passage.article !== undefined)
          for (const found of stats.terms(passage.article())) inArticles.add(found);
    }
    return namedIn(query, term, inArticles);
  };
  let unknown = 0;
  let unknownNames = 0;
  let names = 0;
  let absentNames = 0;
  const distinctive = DISTINCTIVE_NAME_SHARE * stats.documentCount;
  for (const [term, weight] of query.weights) {
    const missing =
      stats.documentFrequency(term) === 0 &&
      !query.variants.has(term) &&
      !query.spelledOut.has(term);
    // (A known name may have variants too; it is not missing.)
    if (missing) unknown += weight;
    if (!query.names.has(term)) continue;
    names += weight;
    if (missing) unknownNames += weight;
    if (YEAR.test(term)) {
      // A year is as distinctive as a name however often the coverage gives it: "Who won the
      // Man Booker Prize in 2005?" finds 2004's prize in coverage that mentions 2005
      // elsewhere. (Tuning / held-out halves: BBC off-topic declined 46.2 → 48.7% / 46.2 →
      // 56.4%, no answerable question declined.) Of a coverage that states no year at all, the
      // question's years are not asked (question-dates.ts).
      if (!namedIn(query, term, inHead) && !inTheirArticles(term)) absentNames++;
    } else if (
      !missing &&
      !query.abbreviations.has(term) &&
      stats.documentFrequency(term) <= distinctive &&
      !namedIn(query, term, inHead) &&
      !inTheirArticles(term)
    ) {
      absentNames++;
    }
  }
  const total = query.total;
  const top = lexical[0]?.score ?? 0;
  const third = lexical[2]?.score ?? 0;
  return {
    similarity,
    termCoverage: total === 0 ? 0 : bestMass / total,
    matchedMass: bestMass / unit,
    sentenceMass: bestSentenceMass / unit,
    lexicalStrength: total === 0 ? 0 : Math.log1p(top / total),
    lexicalGap: top > 0 ? (top - third) / top : 0,
    unknownShare: total === 0 ? 1 : unknown / total,
    unknownNameShare: names === 0 ? 0 : unknownNames / names,
    absentNames,
  };
}

/**
 * Whether a question's name is among `present` as written, in a spelling variant, or, for a
 * country, in another of its forms (place-names.ts): "the Spanish city" is named by a report
 * that writes "in Spain".
 */
function namedIn(query: QueryTerms, term: string, present: ReadonlySet<string>): boolean {
  if (termFound(query, term, present) > 0) return true;
  for (const form of sameCountryTerms(term) ?? []) if (present.has(form)) return true;
  return false;
}

/** The texts of a passage's sentences. */
export function sentenceTexts(articleText: string, sentences: readonly Span[]): string[] {
  return sentences.map(([start, end]) => articleText.slice(start, end));
}
