import { describe, expect, it } from 'vitest';
import type { IndexedArticle } from '../../src/store/corpus-index.js';
import { DEFAULT_RANKING, rankPassages } from '../../src/retrieve/rank-passages.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { memoryIndex } from '../store/sample-index.js';

// The same sentence opens one article and closes another: the opening one is the lede.
const SENTENCE = 'The harbour bridge reopened to traffic after repairs.';
const ARTICLES: IndexedArticle[] = [
  {
    id: 'a-later',
    title: 'Council news',
    hash: 'a',
    text: `Parking fees rise in April.\n\n${SENTENCE}`,
  },
  { id: 'b-lede', title: 'Bridge', hash: 'b', text: `${SENTENCE}\n\nParking fees rise in April.` },
];

async function sampleIndex() {
  const embedder = fakeEmbedder();
  const index = await memoryIndex(ARTICLES, embedder);
  const [query] = await embedder.embed(['harbour bridge reopened']);
  return { index, query: query! };
}

describe('rankPassages', () => {
  it("GIVEN the same match in an article's lede and deep in another THEN the lede ranks first", async () => {
    const { index, query } = await sampleIndex();
    const ranked = rankPassages(index, 'harbour bridge reopened', query, DEFAULT_RANKING);
    const first = index.passages[ranked[0]!.passage]!;
    expect(first).toMatchObject({ articleId: 'b-lede', index: 0 });
    // Without the boost the two tie, and the earlier passage wins the tie.
    const flat = rankPassages(index, 'harbour bridge reopened', query, {
      ...DEFAULT_RANKING,
      ledeBoost: 0,
    });
    expect(index.passages[flat[0]!.passage]).toMatchObject({ articleId: 'a-later', index: 1 });
  });
});
