import { describe, expect, it } from 'vitest';
import type { IndexedArticle } from '../../src/store/corpus-index.js';
import { answerQuestion } from '../../src/retrieve/answer-question.js';
import { OPEN_GATE } from '../../src/retrieve/gate.js';
import { sentenceFocusWithin } from '../../src/retrieve/within-article.js';
import { weighQueryTerms, type TermStats } from '../../src/retrieve/term-overlap.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { memoryIndex } from '../store/sample-index.js';

// A search asks for no kind of answer, so no quote is completed with one (answer-completion.ts).
const question = 'Billy Elliot musical Stephen Daldry cast of children from schools';

// The opening recalls the story with the search's rarest words, as the article's other
// paragraphs do; what it asks about comes in the last one, in words other news uses too.
const LEDE = 'The Billy Elliot musical directed by Stephen Daldry has delayed its previews.';
const ANSWER = 'Its cast includes 45 children chosen from schools across the country.';
const MUSICAL: IndexedArticle = {
  id: 'musical',
  title: 'Previews delayed',
  hash: 'm',
  text: [
    LEDE,
    'The Billy Elliot musical by Stephen Daldry will now open in London in May.',
    'Stephen Daldry said the Billy Elliot musical rehearsals had been long.',
    ANSWER,
  ].join('\n\n'),
};
// Other stories of the film, which match the story's names better than the answer does.
const FILM: IndexedArticle[] = ['London', 'Paris', 'Rome', 'Oslo', 'Madrid', 'Berlin'].map(
  (city) => ({
    id: `film-${city}`,
    title: 'Film',
    hash: city,
    text: `Daldry's Billy Elliot film was praised in ${city}.`,
  }),
);
// Everyday news in which children and casts are common words.
const OTHER: IndexedArticle[] = Array.from({ length: 12 }, (_, i) => ({
  id: `other-${i}`,
  title: 'Town',
  hash: `o${i}`,
  text:
    i < 3
      ? `Children in town ${i} cast their votes for a new park.`
      : `Rain fell on town ${i} on a grey day.`,
}));

describe('sentenceFocusWithin', () => {
  const sentences = [
    'Billy Elliot opens. Daldry directs.',
    'Billy Elliot has a cast of children.',
    'Billy Elliot tickets sell.',
  ];
  const stats: TermStats = {
    terms: (text) => text.toLowerCase().match(/[a-z]+/g) ?? [],
    documentFrequency: () => 1,
    variants: () => [],
    documentCount: 10,
    spelledOut: () => new Map(),
  };

  it('weighs a word the article writes in one sentence above one it writes in all', () => {
    const query = weighQueryTerms(stats, 'Billy Elliot children');
    const [opening, cast, tickets] = sentenceFocusWithin(stats, query, sentences);
    expect(cast).toBe(1);
    expect(opening).toBeCloseTo(tickets!);
    expect(opening).toBeCloseTo(0.5);
  });

  it('gives words the article lacks no weight', () => {
    const query = weighQueryTerms(stats, 'children tangerine');
    expect(sentenceFocusWithin(stats, query, sentences)).toEqual([0, 1, 0]);
  });
});

describe('GIVEN a first result whose article gives the answer in another paragraph', () => {
  const ask = async (options: { withinArticleMargin?: number } = {}) => {
    const index = await memoryIndex([MUSICAL, ...FILM, ...OTHER]);
    const answer = await answerQuestion({ index, embedder: fakeEmbedder() }, question, {
      gate: OPEN_GATE,
      ...options,
    });
    return answer.results.map((r) => r.highlight);
  };

  it('THEN the ranking alone does not show that paragraph', async () => {
    const highlights = await ask({ withinArticleMargin: Infinity });
    expect(highlights[0]).toBe(LEDE);
    expect(highlights).not.toContain(ANSWER);
  });

  it('THEN that paragraph is quoted second, after the opening', async () => {
    const highlights = await ask();
    expect(highlights.slice(0, 2)).toEqual([LEDE, ANSWER]);
    expect(highlights).toHaveLength(3);
  });
});
