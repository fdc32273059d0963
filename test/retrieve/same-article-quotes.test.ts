import { describe, expect, it } from 'vitest';
import type { CorpusIndex, IndexedArticle } from '../../src/store/corpus-index.js';
import { buildLexicalIndex } from '../../src/store/lexical-index.js';
import { answerQuestion } from '../../src/retrieve/answer-question.js';
import { OPEN_GATE } from '../../src/retrieve/gate.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { paragraphPassages } from '../store/sample-index.js';

// One report says two things about the browser, in words much alike.
const ARTICLES: IndexedArticle[] = [
  {
    id: 'report',
    title: 'New browser',
    hash: 'a',
    text: 'The firm is working on a new browser version.\n\nThe new browser version is a U-turn because the firm said no browser update was needed.',
  },
];

async function sampleIndex(): Promise<CorpusIndex> {
  const embedder = fakeEmbedder();
  const passages = ARTICLES.flatMap((article) => paragraphPassages(article.id, article.text));
  const vectors = new Float32Array(passages.length * embedder.dimensions);
  (await embedder.embed(passages.map((p) => p.text))).forEach((vector, row) =>
    vectors.set(vector, row * embedder.dimensions),
  );
  return {
    manifest: {
      schemaVersion: 1,
      model: { id: embedder.id, dimensions: embedder.dimensions },
      pipeline: {},
      articles: {},
      counts: { articles: ARTICLES.length, passages: passages.length },
      builtAt: '2024-01-01T00:00:00.000Z',
      buildSeconds: 0,
    },
    articles: new Map(ARTICLES.map((article) => [article.id, article])),
    passages,
    vectors,
    lexical: buildLexicalIndex(passages),
  };
}

describe('GIVEN two sentences of one article that mean nearly the same', () => {
  it('THEN each is a result of its own, not dropped as the same quote twice', async () => {
    const index = await sampleIndex();
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
