import { endianness } from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CorruptIndexError, isMissingFile, UserError } from '../errors.js';
import { passageOf } from '../ingest/passages.js';
import type { Passage, Span } from '../ingest/passage.js';
import {
  INDEX_SCHEMA_VERSION,
  type CorpusIndex,
  type IndexedArticle,
  type Manifest,
} from './corpus-index.js';
import { INDEX_FILES, recoverIndexFolder } from './index-folder.js';
import { IndexFileError } from './index-file-error.js';
import { loadLexicalIndex } from './lexical-index.js';
import type { StoredPassage } from './write-index.js';

/** An index as read back from disk, before its lexical index is loaded. */
export interface StoredIndex {
  readonly manifest: Manifest;
  readonly articles: ReadonlyMap<string, IndexedArticle>;
  readonly passages: readonly Passage[];
  readonly vectors: Float32Array;
}

/**
 * `--force` because a damaged file behind an intact manifest would otherwise look up to date
 * to an incremental ingest.
 */
const REBUILD_ADVICE = 'Rebuild it with `npm run ingest -- --force`.';

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new IndexFileError(message);
}

function parseManifest(json: string): Manifest {
  const manifest = JSON.parse(json) as Partial<Manifest>;
  check(typeof manifest === 'object' && manifest !== null, 'manifest is not an object');
  check(typeof manifest.model?.id === 'string', 'manifest has no model id');
  check(
    Number.isInteger(manifest.model.dimensions) && manifest.model.dimensions > 0,
    'manifest has no model dimensions',
  );
  check(typeof manifest.articles === 'object' && manifest.articles !== null, 'no article list');
  check(typeof manifest.pipeline === 'object' && manifest.pipeline !== null, 'no pipeline');
  check(Number.isInteger(manifest.counts?.passages), 'no passage count');
  return manifest as Manifest;
}

/**
 * Reads `manifest.json` of the index in `dir`; `undefined` when there is no index there.
 * Repairs a swap that a crash cut short first (see `recoverIndexFolder`). Throws a
 * `CorruptIndexError` when the manifest is unreadable; its schema version is NOT checked
 * here, so the caller can say "built by another version" or rebuild.
 */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  await recoverIndexFolder(dir);
  let json: string;
  try {
    json = await readFile(path.join(dir, INDEX_FILES.manifest), 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
  try {
    return parseManifest(json);
  } catch (error) {
    if (!(error instanceof IndexFileError || error instanceof SyntaxError)) throw error;
    throw new CorruptIndexError(dir, `${INDEX_FILES.manifest}: ${error.message}`, {
      cause: error,
    });
  }
}

function toPassage(stored: StoredPassage, article: IndexedArticle | undefined): Passage {
  check(article !== undefined, `passage of unknown article ${String(stored.articleId)}`);
  const { start, end, index } = stored;
  check(
    Number.isInteger(start) &&
      Number.isInteger(end) &&
      0 <= start &&
      start <= end &&
      end <= article.text.length,
    `passage ${article.id}#${index} lies outside its article`,
  );
  check(
    Array.isArray(stored.sentences) &&
      stored.sentences.length > 0 &&
      stored.sentences[0]![0] === start &&
      stored.sentences[stored.sentences.length - 1]![1] === end,
    `passage ${article.id}#${index} has no sentences, or they do not span it`,
  );
  return passageOf(
    article,
    index,
    stored.sentences.map(([s, e]) => [s, e] as Span),
  );
}

function toFloat32(bytes: Buffer): Float32Array {
  // A Float32Array view needs a 4-byte aligned offset; small Buffers can sit anywhere in
  // Node's shared pool, so copy when they do.
  if (bytes.byteOffset % 4 === 0) {
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }
  return new Float32Array(new Uint8Array(bytes).buffer);
}

async function readRequired(dir: string, name: string): Promise<Buffer> {
  try {
    return await readFile(path.join(dir, name));
  } catch (error) {
    if (isMissingFile(error)) throw new IndexFileError(`${name} is missing`);
    throw error;
  }
}

/** The manifest of `dir`, or a `UserError` with advice when there is no usable one. */
async function requireManifest(dir: string): Promise<Manifest> {
  const manifest = await readManifest(dir);
  if (manifest === undefined) {
    throw new UserError(`No index in ${dir}. Run \`npm run ingest\` to build it first.`);
  }
  if (manifest.schemaVersion !== INDEX_SCHEMA_VERSION) {
    throw new UserError(
      `The index in ${dir} was built by another version of coverage-bot (schema ` +
        `${String(manifest.schemaVersion)}, expected ${INDEX_SCHEMA_VERSION}). ${REBUILD_ADVICE}`,
    );
  }
  return manifest;
}

function damaged(dir: string, error: unknown): never {
  if (error instanceof IndexFileError || error instanceof SyntaxError) {
    throw new CorruptIndexError(dir, error.message, { cause: error });
  }
  throw error;
}

async function readStoredWith(dir: string, manifest: Manifest): Promise<StoredIndex> {
  check(endianness() === 'LE', 'vectors are stored little-endian; this machine is big-endian');
  const [articlesJson, passagesJson, vectorBytes] = await Promise.all([
    readRequired(dir, INDEX_FILES.articles),
    readRequired(dir, INDEX_FILES.passages),
    readRequired(dir, INDEX_FILES.vectors),
  ]);
  const articleList = JSON.parse(articlesJson.toString('utf8')) as IndexedArticle[];
  check(Array.isArray(articleList), 'articles.json is not a list');
  const articles = new Map<string, IndexedArticle>();
  for (const article of articleList) {
    check(typeof article?.id === 'string' && typeof article.text === 'string', 'bad article');
    articles.set(article.id, article);
  }
  const stored = JSON.parse(passagesJson.toString('utf8')) as StoredPassage[];
  check(Array.isArray(stored), 'passages.json is not a list');
  const passages = stored.map((passage) => toPassage(passage, articles.get(passage.articleId)));
  const vectors = toFloat32(vectorBytes);
  check(
    passages.length === manifest.counts.passages &&
      vectorBytes.byteLength === passages.length * manifest.model.dimensions * 4,
    `${INDEX_FILES.vectors} does not match ${passages.length} passages × ` +
      `${manifest.model.dimensions} dimensions`,
  );
  return { manifest, articles, passages, vectors };
}

/**
 * Reads the index in `dir` without its lexical index: what an incremental ingest needs to
 * reuse the vectors of unchanged articles. Same errors as `openIndex`.
 */
export async function readStoredIndex(dir: string): Promise<StoredIndex> {
  const manifest = await requireManifest(dir);
  try {
    return await readStoredWith(dir, manifest);
  } catch (error) {
    damaged(dir, error);
  }
}

/**
 * Loads the index in `dir` for answering: manifest, articles, passages (texts restored from
 * the articles), all vectors in one Float32Array, and the BM25 index built at ingest.
 * Throws a `UserError` advising `npm run ingest` when the index is missing, damaged or was
 * built by another schema version.
 */
export async function openIndex(dir: string): Promise<CorpusIndex> {
  const manifest = await requireManifest(dir);
  try {
    const [stored, lexicalJson] = await Promise.all([
      readStoredWith(dir, manifest),
      readRequired(dir, INDEX_FILES.lexical),
    ]);
    const lexical = loadLexicalIndex(JSON.parse(lexicalJson.toString('utf8')));
    return { ...stored, lexical };
  } catch (error) {
    damaged(dir, error);
  }
}
