import path from 'node:path';
import type { ArticleSource } from '../ingest/article.js';
import type { Passage } from '../ingest/passage.js';

/** Bumped whenever the on-disk layout changes; an index of another version must be rebuilt. */
export const INDEX_SCHEMA_VERSION = 1;

/** The model an index was built with. Questions must be embedded with the very same model. */
export interface IndexModel {
  readonly id: string;
  readonly dimensions: number;
}

/**
 * `manifest.json` of an index folder. Readers tolerate fields they do not know, so a new
 * optional field needs no schema version bump; a changed meaning of an existing one does.
 */
export interface Manifest {
  readonly schemaVersion: number;
  readonly model: IndexModel;
  /** Settings that change passages (splitting, cleaning version); a change forces a rebuild. */
  readonly pipeline: Readonly<Record<string, string | number>>;
  /**
   * How article files were read into fields (ingest/parse-article.ts `READING_VERSION`); absent
   * in older indexes. Another version rewrites the attribution, reusing every passage.
   */
  readonly reading?: number;
  /** Per article: raw-content hash and how many passages it produced. */
  readonly articles: Readonly<Record<string, { readonly hash: string; readonly passages: number }>>;
  readonly counts: { readonly articles: number; readonly passages: number };
  /** ISO timestamp of the build that wrote this manifest. */
  readonly builtAt: string;
  /** Seconds the build took. */
  readonly buildSeconds: number;
  /**
   * The no-answer gate fitted on this coverage at ingest (retrieve/gate.ts `GateModel`; kept
   * opaque here, since the store sits below retrieval). Absent in older indexes.
   */
  readonly gate?: unknown;
  /**
   * The article folder the index was built from, relative to the index folder with "/"
   * separators (`../articles`), so that moving or cloning the repository keeps it right;
   * absolute only where no relative path exists (another Windows drive). Absent in indexes
   * built before it was recorded. Read it with `recordedDataDir`.
   */
  readonly dataDir?: string;
}

/** The `dataDir` to record in the manifest of the index in `indexDir` built from `articlesDir`. */
export function dataDirEntry(indexDir: string, articlesDir: string): string {
  const relative = path.relative(path.resolve(indexDir), path.resolve(articlesDir));
  if (relative === '' || path.isAbsolute(relative)) return path.resolve(articlesDir);
  return relative.split(path.sep).join('/');
}

/** The absolute article folder the index in `indexDir` was built from, if it recorded one. */
export function recordedDataDir(manifest: Manifest, indexDir: string): string | undefined {
  if (typeof manifest.dataDir !== 'string' || manifest.dataDir === '') return undefined;
  return path.resolve(indexDir, manifest.dataDir);
}

/** An article as stored in the index: its source and cleaned text (for quoting and checks). */
export interface IndexedArticle extends ArticleSource {
  readonly text: string;
  readonly hash: string;
}

/** A lexical (BM25) hit: the passage's position in `CorpusIndex.passages` and its score. */
export interface LexicalHit {
  readonly passage: number;
  readonly score: number;
}

/** BM25 over the passages, built at ingest and loaded once; never rebuilt per query. */
export interface LexicalIndex {
  /**
   * Best-first hits for `query`; `accept` filters by passage position; `names` (analysed
   * terms) also match their spelling variants even where the coverage uses the same spelling;
   * `expansion` adds index terms at a weight each (words of the coverage that mean what a
   * question word the coverage lacks means).
   */
  search(
    query: string,
    limit: number,
    accept?: (passage: number) => boolean,
    names?: ReadonlySet<string>,
    expansion?: ReadonlyMap<string, number>,
  ): LexicalHit[];
  /**
   * The index's own analysis of `text` (lower-cased, stop words dropped, stemmed), so that
   * retrieval can compare a question with sentences term by term exactly as BM25 sees them.
   */
  terms(text: string): string[];
  /** In how many passages `term` (an analysed term) occurs; 0 when unknown. */
  documentFrequency(term: string): number;
  /**
   * Spelling variants the coverage uses for a term it never uses ("zelenski" → "zelenskyi"),
   * closest first; empty for a term too short to vary, and for a term the coverage knows
   * unless `evenIfKnown` (names spelled several ways).
   */
  variants(term: string, evenIfKnown?: boolean): string[];
}

/** Everything answering needs, loaded into memory once at start-up. */
export interface CorpusIndex {
  readonly manifest: Manifest;
  readonly articles: ReadonlyMap<string, IndexedArticle>;
  readonly passages: readonly Passage[];
  /**
   * Row-major `passages.length × manifest.model.dimensions` matrix; row i is the unit-length
   * (or all-zero) embedding of `passages[i]`.
   */
  readonly vectors: Float32Array;
  readonly lexical: LexicalIndex;
}
