import { describe, expect, it } from 'vitest';
import type { IndexedArticle } from '../../src/store/corpus-index.js';
import { answerQuestion } from '../../src/retrieve/answer-question.js';
import { OPEN_GATE } from '../../src/retrieve/gate.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { memoryIndex } from '../store/sample-index.js';

// The opening matches the question's words best; the answer comes further down.
const LEDE =
  "India's biggest car company Maruti, in which a firm owns a majority stake, reported record profit.";
const ANSWER = 'Suzuki Motor of Japan owns the firm Maruti through a majority stake.';
// Other news, so that the question's words are rare.
const FILLER: IndexedArticle[] = Array.from({ length: 20 }, (_, i) => ({
  id: `filler-${i}`,
  title: 'Weather',
  hash: `f${i}`,
  text: `Rain fell on town number ${i} on a grey day.`,
}));

const question = "Which firm owns a majority stake in India's biggest car company Maruti?";

describe('GIVEN an article whose best-matching passage lacks the name asked for', () => {
  it('THEN its passage that gives one is quoted first', async () => {
    const index = await memoryIndex([
      { id: 'maruti', title: 'Profit', hash: 'm', text: `${LEDE}\n\n${ANSWER}` },
      ...FILLER,
    ]);
    const answer = await answerQuestion({ index, embedder: fakeEmbedder() }, question, {
      gate: OPEN_GATE,
    });
    expect(answer.results.map((r) => r.highlight)).toEqual([ANSWER, LEDE]);
  });

  it('THEN a result of another article is not moved before it', async () => {
    const articles: IndexedArticle[] = [
      { id: 'maruti', title: 'Profit', hash: 'm', text: LEDE },
      { id: 'suzuki', title: 'Suzuki', hash: 's', text: ANSWER },
      ...FILLER,
    ];
    const index = await memoryIndex(articles);
    const answer = await answerQuestion({ index, embedder: fakeEmbedder() }, question, {
      gate: OPEN_GATE,
    });
    expect(answer.results.map((r) => r.highlight)).toEqual([LEDE, ANSWER]);
  });
});
