import type { Passage, Span } from '../../src/ingest/passage.js';
import {
  INDEX_SCHEMA_VERSION,
  type CorpusIndex,
  type IndexedArticle,
} from '../../src/store/corpus-index.js';
import { buildLexicalIndex } from '../../src/store/lexical-index.js';
import type { IndexContent } from '../../src/store/write-index.js';
import { fakeEmbedder, type FakeEmbedder } from './fake-embedder.js';

/** Splits `text` into one passage per paragraph ("\n\n"), one sentence each: enough for store tests. */
export function paragraphPassages(articleId: string, text: string): Passage[] {
  const passages: Passage[] = [];
  let start = 0;
  for (const paragraph of text.split('\n\n')) {
    const end = start + paragraph.length;
    const span: Span = [start, end];
    passages.push({
      id: `${articleId}#${passages.length}`,
      articleId,
      index: passages.length,
      start,
      end,
      text: paragraph,
      sentences: [span],
    });
    start = end + 2;
  }
  return passages;
}

export const SAMPLE_ARTICLES: readonly IndexedArticle[] = [
  {
    id: 'a-rates',
    title: 'Central bank raises interest rates',
    outlet: 'Daily Ledger',
    hash: 'h-a',
    text: 'The central bank raised interest rates by half a point on Tuesday.\n\nMortgage holders will pay more each month.\n\nEconomists expected the rise.',
  },
  {
    id: 'b-flood',
    title: 'Floods close the river road',
    hash: 'h-b',
    text: 'Heavy rain flooded the river road overnight.\n\nThe council closed it until Friday.\n\nNo one was hurt.',
  },
  {
    id: 'c-match',
    title: 'Late goal wins the cup',
    outlet: 'Sport Weekly',
    hash: 'h-c',
    text: 'A late goal won the cup for the home side.\n\nThe crowd of 40,000 cheered the striker.\n\nThe coach praised the defence.',
  },
];

/** A complete index of `articles`, embedded with `embedder`. */
export async function sampleContent(
  embedder: FakeEmbedder,
  articles: readonly IndexedArticle[] = SAMPLE_ARTICLES,
): Promise<IndexContent> {
  const passages = articles.flatMap((article) => paragraphPassages(article.id, article.text));
  const vectors = new Float32Array(passages.length * embedder.dimensions);
  (await embedder.embed(passages.map((p) => p.text))).forEach((vector, row) =>
    vectors.set(vector, row * embedder.dimensions),
  );
  const titles = new Map(articles.map((article) => [article.id, article.title]));
  return {
    manifest: {
      schemaVersion: INDEX_SCHEMA_VERSION,
      model: { id: embedder.id, dimensions: embedder.dimensions },
      pipeline: { cleaningVersion: 1 },
      articles: Object.fromEntries(
        articles.map((article) => [
          article.id,
          {
            hash: article.hash,
            passages: passages.filter((p) => p.articleId === article.id).length,
          },
        ]),
      ),
      counts: { articles: articles.length, passages: passages.length },
      builtAt: '2024-01-01T00:00:00.000Z',
      buildSeconds: 0.1,
    },
    articles,
    passages,
    vectors,
    lexical: buildLexicalIndex(passages, titles).toJSON(),
  };
}

/**
 * An in-memory index of `articles` (one passage per paragraph), embedded with a fake embedder,
 * for tests of answering that need no files.
 */
export async function memoryIndex(
  articles: readonly IndexedArticle[],
  embedder: FakeEmbedder = fakeEmbedder(),
): Promise<CorpusIndex> {
  const passages = articles.flatMap((article) => paragraphPassages(article.id, article.text));
  const vectors = new Float32Array(passages.length * embedder.dimensions);
  (await embedder.embed(passages.map((p) => p.text))).forEach((vector, row) =>
    vectors.set(vector, row * embedder.dimensions),
  );
  return {
    manifest: {
      schemaVersion: INDEX_SCHEMA_VERSION,
      model: { id: embedder.id, dimensions: embedder.dimensions },
      pipeline: {},
      articles: {},
      counts: { articles: articles.length, passages: passages.length },
      builtAt: '2024-01-01T00:00:00.000Z',
      buildSeconds: 0,
    },
    articles: new Map(articles.map((article) => [article.id, article])),
    passages,
    vectors,
    lexical: buildLexicalIndex(passages),
  };
}
