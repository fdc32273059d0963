import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { stemmer } from 'stemmer';
import type { Passage } from '../ingest/passage.js';
import { IndexFileError } from './index-file-error.js';

/** Named in errors as the file it is stored in (`INDEX_FILES.lexical`). */
const LEXICAL_FILE = 'lexical.json';
import type { LexicalHit, LexicalIndex } from './corpus-index.js';

/**
 * BM25 over passages (MiniSearch), built once at ingest, saved as `lexical.json` and loaded
 * once at start-up. Never rebuilt per query: that is what vectra's own `isBm25` does, and
 * it costs a full index build on every question.
 */

/**
 * Bumped whenever the tokeniser or the stored shape changes: terms indexed by one version do
 * not match queries processed by another, so an index of another version must be rebuilt.
 */
export const LEXICAL_VERSION = 1;

/**
 * Common English function words. They appear in nearly every passage, so BM25 gives them
 * almost no weight anyway; dropping them keeps the index smaller and stops a question made
 * mostly of them ("what did they say about it?") from matching everything weakly.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further
  had has have having he her here hers herself him himself his how i if in into is it its itself
  just me more most my myself no nor not of off on once only or other our ours ourselves out
  over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which
  while who whom why will with would you your yours yourself yourselves also said says say`
    .split(/\s+/)
    .filter((word) => word !== ''),
);

// Same splitter as MiniSearch's default (Unicode spaces and punctuation), named here so
// that indexing and querying visibly share it.
const SPLIT = /[\n\r\p{Z}\p{P}\p{S}]+/u;

/** Splits text into raw tokens; used for both documents and queries. */
function tokenize(text: string): string[] {
  return text.split(SPLIT);
}

/**
 * Turns one token into its index term, or `null` to drop it: lower case, accents removed
 * (so "café" matches "cafe"), stop words and single letters dropped (the "s" of "it's"),
 * then Porter-stemmed so "rates", "rated" and "rate" meet.
 */
function analyseToken(token: string): string | null {
  const folded = token
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  if (folded === '' || STOP_WORDS.has(folded)) return null;
  if (folded.length === 1 && !/\d/.test(folded)) return null;
  return /^\p{L}+$/u.test(folded) ? stemmer(folded) : folded;
}

/**
 * Memo of `analyseToken`: a corpus has ~1.5 million tokens but only tens of thousands of
 * distinct ones, and normalising + stemming each occurrence made building the BBC index
 * take seconds. Pure function, so sharing the memo is safe; it is cleared when it grows
 * past `MAX_MEMO` so a long-running bot's stream of new query words cannot grow it forever.
 */
const memo = new Map<string, string | null>();
const MAX_MEMO = 200_000;

function processTerm(token: string): string | null {
  let term = memo.get(token);
  if (term === undefined) {
    term = analyseToken(token);
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(token, term);
  }
  return term;
}

/**
 * The terms BM25 sees for `text`, in order (duplicates kept). Exported so other modules
 * (and tests) can reason about lexical overlap with exactly the index's tokeniser.
 */
export function lexicalTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of tokenize(text)) {
    const term = processTerm(token);
    if (term !== null) terms.push(term);
  }
  return terms;
}

type Field = 'text' | 'title';

interface LexicalDocument {
  /** Position of the passage in the index's passage list. */
  readonly id: number;
  readonly text: string;
  readonly title?: string;
}

/**
 * Title matches count, but less than body matches: every passage of an article shares its
 * title, so a full-weight title would make all of them tie on a title word.
 */
const TITLE_BOOST = 0.5;

function miniSearchOptions(fields: readonly Field[]): Options<LexicalDocument> {
  return {
    fields: [...fields],
    storeFields: [],
    tokenize,
    processTerm,
    searchOptions: { combineWith: 'OR', prefix: false, fuzzy: false },
  };
}

/** The serialised form of a lexical index (`lexical.json`). */
export interface LexicalIndexFile {
  readonly version: number;
  readonly fields: readonly Field[];
  readonly index: AsPlainObject;
}

/** A lexical index just built: searchable now, and serialisable to `lexical.json`. */
export interface BuiltLexicalIndex extends LexicalIndex {
  toJSON(): LexicalIndexFile;
}

/**
 * Document frequency of each term in the `text` field, read from MiniSearch's serialised form
 * (`index` is `[term, { [fieldId]: { [docId]: termFrequency } }]`, and `text` is always field
 * 0): MiniSearch has no public per-term document count.
 */
function documentFrequencies(plain: AsPlainObject): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const [term, byField] of plain.index) {
    const postings = (byField as Record<string, Record<string, number> | undefined>)['0'];
    if (postings !== undefined) frequencies.set(term, Object.keys(postings).length);
  }
  return frequencies;
}

function wrap(
  miniSearch: MiniSearch<LexicalDocument>,
  fields: readonly Field[],
  known?: Map<string, number>,
): BuiltLexicalIndex {
  const boost = fields.includes('title') ? { title: TITLE_BOOST } : undefined;
  // A loaded index brings them (counted from its file, which is then let go: holding the
  // parsed file beside MiniSearch doubled the index's memory); a fresh build counts on first use.
  let frequencies = known;
  return {
    search(query, limit, accept) {
      if (limit <= 0) return [];
      const results = miniSearch.search(query, {
        ...(boost === undefined ? {} : { boost }),
        ...(accept === undefined ? {} : { filter: (result) => accept(result.id as number) }),
      });
      const hits: LexicalHit[] = [];
      for (const result of results) {
        if (hits.length >= limit) break;
        hits.push({ passage: result.id as number, score: result.score });
      }
      return hits;
    },
    terms: lexicalTerms,
    documentFrequency(term) {
      frequencies ??= documentFrequencies(miniSearch.toJSON());
      return frequencies.get(term) ?? 0;
    },
    toJSON: () => ({ version: LEXICAL_VERSION, fields, index: miniSearch.toJSON() }),
  };
}

/**
 * Builds BM25 (stemmed, stop words removed) over `passages`; document ids are positions in
 * `passages`, which is how `LexicalHit.passage` refers back to them. With `titles`
 * (article id → title), each passage also matches its article's title, at reduced weight.
 */
export function buildLexicalIndex(
  passages: readonly Passage[],
  titles?: ReadonlyMap<string, string>,
): BuiltLexicalIndex {
  const fields: Field[] = titles === undefined ? ['text'] : ['text', 'title'];
  const miniSearch = new MiniSearch<LexicalDocument>(miniSearchOptions(fields));
  miniSearch.addAll(
    passages.map((passage, position) => {
      const title = titles?.get(passage.articleId);
      return title === undefined
        ? { id: position, text: passage.text }
        : { id: position, text: passage.text, title };
    }),
  );
  return wrap(miniSearch, fields);
}

/**
 * Loads a lexical index saved by `buildLexicalIndex(...).toJSON()`.
 * Throws an `IndexFileError` when `file` is not one (the caller turns it into advice to re-ingest).
 */
export function loadLexicalIndex(file: unknown): LexicalIndex {
  if (typeof file !== 'object' || file === null) {
    throw new IndexFileError(`${LEXICAL_FILE}: not an object`);
  }
  const { version, fields, index } = file as Partial<LexicalIndexFile>;
  if (version !== LEXICAL_VERSION) {
    throw new IndexFileError(
      `${LEXICAL_FILE}: version ${String(version)}, expected ${LEXICAL_VERSION}`,
    );
  }
  if (
    !Array.isArray(fields) ||
    !fields.every((field) => field === 'text' || field === 'title') ||
    typeof index !== 'object' ||
    index === null
  ) {
    throw new IndexFileError(`${LEXICAL_FILE}: malformed`);
  }
  return wrap(
    MiniSearch.loadJS(index, miniSearchOptions(fields)),
    fields,
    documentFrequencies(index),
  );
}
