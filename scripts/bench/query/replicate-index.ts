/**
 * Builds a larger index from a smaller one without embedding anything again: every article,
 * passage and vector is copied `copies` times under synthetic ids (`r3/business/001`), and
 * the BM25 index is rebuilt over the copies. Written with the store's own `writeIndex`, so
 * the result is the same on-disk format as a real ingest of a corpus `copies` times larger.
 */
import type { IndexedArticle, Manifest } from '../../../src/store/corpus-index.js';
import type { Passage } from '../../../src/ingest/passage.js';
import { buildLexicalIndex } from '../../../src/store/lexical-index.js';
import { readStoredIndex } from '../../../src/store/open-index.js';
import { writeIndex } from '../../../src/store/write-index.js';

/** Id of copy `copy` of article `id`. */
export function replicaId(copy: number, id: string): string {
  return `r${copy}/${id}`;
}

/** Size of the replicated index. */
export interface ReplicaSummary {
  readonly articles: number;
  readonly passages: number;
}

/** Writes `copies` copies of the index in `fromDir` as one index in `toDir`. */
export async function replicateIndex(
  fromDir: string,
  toDir: string,
  copies: number,
): Promise<ReplicaSummary> {
  const stored = await readStoredIndex(fromDir);
  const { manifest } = stored;
  const articles: IndexedArticle[] = [];
  const passages: Passage[] = [];
  const manifestArticles: Record<string, { hash: string; passages: number }> = {};
  const vectors = new Float32Array(stored.vectors.length * copies);
  for (let copy = 0; copy < copies; copy++) {
    for (const article of stored.articles.values()) {
      const id = replicaId(copy, article.id);
      articles.push({ ...article, id });
      const entry = manifest.articles[article.id];
      if (entry !== undefined) manifestArticles[id] = entry;
    }
    for (const passage of stored.passages) {
      const articleId = replicaId(copy, passage.articleId);
      passages.push({ ...passage, articleId, id: `${articleId}#${passage.index}` });
    }
    vectors.set(stored.vectors, copy * stored.vectors.length);
  }
  const titles = new Map(articles.map((article) => [article.id, article.title]));
  const replicated: Manifest = {
    ...manifest,
    articles: manifestArticles,
    counts: { articles: articles.length, passages: passages.length },
    builtAt: new Date().toISOString(),
  };
  await writeIndex(toDir, {
    manifest: replicated,
    articles,
    passages,
    vectors,
    lexical: buildLexicalIndex(passages, titles).toJSON(),
  });
  return { articles: articles.length, passages: passages.length };
}
