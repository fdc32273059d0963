import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Passage } from '../ingest/passage.js';
import type { IndexedArticle, Manifest } from './corpus-index.js';
import {
  assertIndexFolderReplaceable,
  createTempFolder,
  INDEX_FILES,
  swapInFolder,
  syncFolder,
  writeFileDurably,
} from './index-folder.js';
import type { LexicalIndexFile } from './lexical-index.js';

/** Everything an index folder holds, in memory. */
export interface IndexContent {
  readonly manifest: Manifest;
  /** In the order of the manifest's articles. */
  readonly articles: readonly IndexedArticle[];
  readonly passages: readonly Passage[];
  /** Row-major `passages.length × manifest.model.dimensions`. */
  readonly vectors: Float32Array;
  readonly lexical: LexicalIndexFile;
}

/**
 * A passage as stored in `passages.json`: its text is not repeated, since it is exactly
 * `article.text.slice(start, end)`; the id is `${articleId}#${index}`.
 */
export interface StoredPassage {
  readonly articleId: string;
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly sentences: readonly (readonly [number, number])[];
}

/**
 * Metadata of a vectra item. `documentId`, `startPos` and `endPos` are what vectra's own
 * hybrid search (`queryItems(…, isBm25 = true)`) needs: it reads `<folder>/<documentId>.txt`
 * and takes `substring(startPos, endPos + 1)` — note the inclusive end.
 */
export interface VectraPassageMetadata {
  readonly [key: string]: string | number;
  readonly articleId: string;
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Sentence spans as `"start-end,start-end"` (vectra metadata values must be scalars). */
  readonly sentences: string;
  readonly documentId: string;
  readonly startPos: number;
  readonly endPos: number;
}

/** Where vectra's BM25 finds an article's text, relative to the index folder, without `.txt`. */
export function vectraDocumentId(articleId: string): string {
  // Article ids are file names, but encode anyway so an id can never escape `docs/`.
  return `${INDEX_FILES.vectraDocs}/${encodeURIComponent(articleId)}`;
}

function toStoredPassage(passage: Passage): StoredPassage {
  return {
    articleId: passage.articleId,
    index: passage.index,
    start: passage.start,
    end: passage.end,
    sentences: passage.sentences.map(([start, end]) => [start, end] as const),
  };
}

function vectraMetadata(passage: Passage): VectraPassageMetadata {
  return {
    articleId: passage.articleId,
    index: passage.index,
    start: passage.start,
    end: passage.end,
    text: passage.text,
    sentences: passage.sentences.map(([start, end]) => `${start}-${end}`).join(','),
    documentId: vectraDocumentId(passage.articleId),
    startPos: passage.start,
    endPos: passage.end - 1,
  };
}

/**
 * Serialises the vectra `LocalIndex` file (`{ version, metadata_config, items }`, vectra's
 * JSON codec) directly: going through `LocalIndex.insertItem` checks id uniqueness with a
 * linear scan per insert, which is quadratic over a 20k-passage corpus.
 */
function vectraIndexJson(content: IndexContent): string {
  const dimensions = content.manifest.model.dimensions;
  const parts: string[] = ['{"version":1,"metadata_config":{},"items":['];
  content.passages.forEach((passage, row) => {
    const vector = Array.from(content.vectors.subarray(row * dimensions, (row + 1) * dimensions));
    let sum = 0;
    for (const value of vector) sum += value * value;
    const item = {
      id: passage.id,
      metadata: vectraMetadata(passage),
      vector,
      norm: Math.sqrt(sum),
    };
    parts.push(row === 0 ? '' : ',', JSON.stringify(item));
  });
  parts.push(']}');
  return parts.join('');
}

function vectorBytes(vectors: Float32Array): Uint8Array {
  // Stored little-endian, as every platform Node supports in practice is; `openIndex`
  // refuses to load on a big-endian machine rather than misread the file.
  return new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
}

/** Files written at once: enough to overlap the small writes, few enough for file handles. */
const CONCURRENT_WRITES = 32;

/**
 * One `docs/<article>.txt` per article, for vectra's BM25 only. These are not synced one by
 * one: an fsync costs ~5 ms here, 11 s for the 2,225 BBC articles, and our own `openIndex`
 * never reads them. The folder itself is synced, and a process crash loses nothing (the
 * kernel has the data); only a power cut in the seconds after an ingest could leave some
 * empty, which would only weaken vectra's own BM25 comparison.
 */
async function writeVectraDocs(folder: string, articles: readonly IndexedArticle[]): Promise<void> {
  const docs = path.join(folder, INDEX_FILES.vectraDocs);
  await mkdir(docs);
  for (let first = 0; first < articles.length; first += CONCURRENT_WRITES) {
    await Promise.all(
      articles
        .slice(first, first + CONCURRENT_WRITES)
        .map((article) =>
          writeFile(path.join(folder, `${vectraDocumentId(article.id)}.txt`), article.text),
        ),
    );
  }
  await syncFolder(docs);
}

/** Writes every file of `content` into the (empty, existing) folder `folder`, synced to disk. */
export async function writeIndexFiles(folder: string, content: IndexContent): Promise<void> {
  const file = (name: string) => path.join(folder, name);
  await writeFileDurably(file(INDEX_FILES.articles), JSON.stringify(content.articles));
  await writeFileDurably(
    file(INDEX_FILES.passages),
    JSON.stringify(content.passages.map(toStoredPassage)),
  );
  await writeFileDurably(file(INDEX_FILES.vectors), vectorBytes(content.vectors));
  await writeFileDurably(file(INDEX_FILES.lexical), JSON.stringify(content.lexical));
  await writeFileDurably(file(INDEX_FILES.vectra), vectraIndexJson(content));
  await writeVectraDocs(folder, content.articles);
  // The manifest last: a folder with a manifest was written completely.
  await writeFileDurably(file(INDEX_FILES.manifest), JSON.stringify(content.manifest, null, 2));
}

/**
 * Writes `content` as the index in `dir`, atomically: built in a temp folder next to `dir`,
 * then swapped in. If this fails, `signal` fires before the swap, or the process dies, the
 * previous index in `dir` is intact (the temp folder is removed now, or by the next run's
 * `removeLeftovers`). The swap is the commit point: once it began, the new index is in place.
 */
export async function writeIndex(
  dir: string,
  content: IndexContent,
  { signal }: { signal?: AbortSignal } = {},
): Promise<void> {
  await assertIndexFolderReplaceable(dir);
  const temp = await createTempFolder(dir);
  try {
    await writeIndexFiles(temp, content);
    signal?.throwIfAborted();
    await swapInFolder(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
