import { describe, expect, it } from 'vitest';
import type { IndexedArticle } from '../../src/store/corpus-index.js';
import { answerQuestion } from '../../src/retrieve/answer-question.js';
import { OPEN_GATE } from '../../src/retrieve/gate.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { memoryIndex } from '../store/sample-index.js';

// One report says two things about the browser, in words much alike.
const ARTICLES: IndexedArticle[] = [
  {
    id: 'report',
    title: 'New browser',
    hash: 'a',
    text: 'The firm is working on a new browser version.\n\nThe new browser version is a U-turn because the firm said no browser update was needed.',
  },
];

describe('GIVEN two sentences of one article that mean nearly the same', () => {
  it('THEN each is a result of its own, not dropped as the same quote twice', async () => {
    const index = await memoryIndex(ARTICLES);
    const deps = { index, embedder: fakeEmbedder() };
    // Every pair of sentences counts as "meaning the same" (cosine ≥ 0).
    const answer = await answerQuestion(deps, 'Why is the new browser version a U-turn?', {
      gate: OPEN_GATE,
      sameFactSimilarity: 0,
    });
    const quotes = answer.results.map((r) => r.highlight);
    expect(quotes).toContain(
      'The new browser version is a U-turn because the firm said no browser update was needed.',
    );
    expect(quotes).toContain('The firm is working on a new browser version.');
    expect(answer.results.every((r) => r.source.id === 'report')).toBe(true);
  });
});
