import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
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
export const LEXICAL_VERSION = 3;

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

/**
 * Irregular verb forms the Porter stemmer cannot join to their verb ("made" and "makes",
 * "met" and "meet", "won" and "wins"): a headline says "Russia makes concessions" where the
 * article says "Russia has made concessions". Past forms and participles of common news verbs.
 */
const IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map(
  `made:make met:meet won:win took:take taken:take gave:give given:give went:go gone:go
  came:come saw:see seen:see told:tell found:find thought:think brought:bring bought:buy
  sold:sell held:hold kept:keep lost:lose paid:pay sent:send spent:spend
  stood:stand struck:strike fell:fall fallen:fall rose:rise risen:rise began:begin
  begun:begin broke:break broken:break chose:choose chosen:choose drove:drive driven:drive
  ate:eat eaten:eat flew:fly flown:fly forgot:forget forgotten:forget froze:freeze
  frozen:freeze grew:grow grown:grow hid:hide hidden:hide knew:know known:know led:lead
  meant:mean ran:run rang:ring rung:ring sang:sing sung:sing sank:sink sunk:sink
  spoke:speak spoken:speak stole:steal stolen:steal swore:swear sworn:swear threw:throw
  thrown:throw wore:wear worn:wear wrote:write written:write fought:fight caught:catch
  taught:teach sought:seek built:build felt:feel heard:hear laid:lay lent:lend slept:sleep
  shot:shoot shut:shut sat:sit understood:understand withdrew:withdraw withdrawn:withdraw
  overtook:overtake undertook:undertake became:become forbade:forbid forbidden:forbid
  dealt:deal fled:flee borne:bear beat:beat beaten:beat bitten:bite
  blew:blow blown:blow drew:draw drawn:draw drank:drink`
    .split(/\s+/)
    .filter((pair) => pair !== '')
    .map((pair) => pair.split(':') as [string, string]),
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
    // Zero-width and other format characters ("Vance\u200b") are invisible to a reader and
    // must be to the index too.
    .replace(/\p{Cf}+/gu, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  if (folded === '' || STOP_WORDS.has(folded)) return null;
  if (folded.length === 1 && !/\d/.test(folded)) return null;
  if (!/^\p{L}+$/u.test(folded)) return folded;
  return stemmer(IRREGULAR_FORMS.get(folded) ?? folded);
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

/**
 * Spelling variants of a term the coverage never uses: transliterated names ("Zelensky",
 * "Zelenskyy", "Zelenskiy") and typos differ from the coverage's spelling by an edit or two.
 * Only terms of at least MIN_VARIANT_LENGTH letters get variants (short words have too many
 * neighbours: "war"/"was"), one edit below 8 letters and two from 8, and the first letter
 * must agree (names rarely vary there, and it halves chance matches such as "macron"/"micron").
 */
const MIN_VARIANT_LENGTH = 5;
/**
 * Longest term that gets variants. MiniSearch's fuzzy search allocates a matrix of the term's
 * length squared: one 200,000-letter "word" in an article (a scraped blob, a hostile file)
 * asked for 40 GB and crashed the ingest's gate fitting. The longest English words and
 * place names are under 60 letters.
 */
export const MAX_VARIANT_LENGTH = 64;

/** Most edits between a query term and a variant of it (0: no variants for this term). */
export function variantDistance(term: string): number {
  if (term.length < MIN_VARIANT_LENGTH || term.length > MAX_VARIANT_LENGTH) return 0;
  if (!/^\p{L}+$/u.test(term)) return 0;
  return term.length < 8 ? 1 : 2;
}

/**
 * Edits allowed for the variants of `term`. A name the coverage already writes gets other
 * spellings of one edit only (Zelensky/Zelenskyy): at two, distinct places it also reports
 * pass for spellings of each other (Australia/Austria).
 */
function knownNameDistance(term: string, known: boolean): number {
  const distance = variantDistance(term);
  return known ? Math.min(1, distance) : distance;
}

/**
 * Endings that turn a place into its people or adjective, as the stemmer leaves them:
 * Russia/Russian, Ukraine/Ukrainian ("ukrain"/"ukrainian"), Europe/European, Italy/Italian
 * ("itali"/"italian"), Germany/German ("germani"/"german"), Pakistan/Pakistani,
 * Japan/Japanese ("japan"/"japanes"). A question says "the Russian president" where the
 * report says "Russia's president"; neither the stemmer nor one or two edits join them
 * ("europ"/"european").
 */
const FAMILY_SUFFIXES: readonly (readonly [suffix: string, minBase: number])[] = [
  ['n', 4],
  // "germ" + "an" is not German: a two-letter ending needs a longer stem (Italian: "itali").
  ['an', 5],
  ['ian', 4],
  ['ean', 4],
  ['i', 4],
  ['es', 4],
];

/** Stems one ending away from `term` (either way), whether or not the coverage has them. */
export function familyCandidates(term: string): string[] {
  if (!/^\p{L}+$/u.test(term)) return [];
  const found = new Set<string>();
  for (const [suffix, minBase] of FAMILY_SUFFIXES) {
    if (term.length >= minBase) found.add(term + suffix);
    const base = term.slice(0, -suffix.length);
    if (term.endsWith(suffix) && base.length >= minBase) found.add(base);
  }
  found.delete(term);
  return [...found];
}

/**
 * BM25 weight of a family member against the question's own term: a near match, counted as
 * term coverage counts a spelling variant (retrieve/term-overlap.ts VARIANT_CREDIT).
 */
const FAMILY_WEIGHT = 0.7;

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
  const documentFrequency = (term: string) => {
    frequencies ??= documentFrequencies(miniSearch.toJSON());
    return frequencies.get(term) ?? 0;
  };
  let vocabulary: SearchableMap<number> | undefined;
  // A question asks for a term's variants up to three times (ranking, evidence, expansion);
  // the fuzzy walk over the vocabulary is the costly part, so it is remembered (bounded).
  const variantMemo = new Map<string, string[]>();
  const variants = (term: string, evenIfKnown = false): string[] => {
    const known = documentFrequency(term) > 0;
    if (!evenIfKnown && known) return [];
    const distance = knownNameDistance(term, known);
    const key = `${distance}:${term}`;
    let found = variantMemo.get(key);
    if (found === undefined) {
      found = findVariants(term, distance);
      if (variantMemo.size >= MAX_MEMO) variantMemo.clear();
      variantMemo.set(key, found);
    }
    return found;
  };
  const findVariants = (term: string, distance: number): string[] => {
    frequencies ??= documentFrequencies(miniSearch.toJSON());
    vocabulary ??= SearchableMap.from(frequencies);
    const fuzzy =
      distance === 0
        ? []
        : [...vocabulary.fuzzyGet(term, distance)]
            .filter(([candidate]) => candidate[0] === term[0] && candidate !== term)
            .sort((a, b) => a[1][1] - b[1][1] || b[1][0] - a[1][0] || a[0].localeCompare(b[0]))
            .map(([candidate]) => candidate);
    // (BM25 adds a family member only for a word the coverage never writes: familyTerms.)
    const family = familyCandidates(term).filter(
      (candidate) => documentFrequency(candidate) > 0 && !fuzzy.includes(candidate),
    );
    return [...fuzzy, ...family];
  };
  // A term the coverage never uses matches its spelling variants (at MiniSearch's reduced
  // fuzzy weight), and so does a name the coverage spells several ways (Zelensky, Zelenskyy);
  // other known terms match exactly, so variants never dilute a common word ("police" is one
  // edit from "politics" once stemmed).
  const variable = (names: ReadonlySet<string> | undefined, term: string) =>
    documentFrequency(term) === 0 || names?.has(term) === true;
  const fuzzyFor = (names: ReadonlySet<string> | undefined) => (term: string) => {
    if (!variable(names, term)) return false;
    const distance = knownNameDistance(term, documentFrequency(term) > 0);
    if (distance === 0) return false;
    // Only spelling variants switch MiniSearch's fuzzy matching on (it then matches every
    // term within the distance, whatever its first letter); family members are added apart.
    const family = new Set(familyCandidates(term));
    return variants(term, true).some((variant) => !family.has(variant)) ? distance : false;
  };
  // Family members ("russia" for "russian") are more than two edits apart, so they join the
  // query as terms of their own, weighed as a variant is; only for words the coverage never
  // writes. Where it also writes "Russian", adding "Russia" to a "Russian" question matched
  // more loosely than it found (tuning halves: seed hit@3 88.4 → 90.7%, but two quotes the
  // issue names fell from first to second place). In choosing the quoted sentence, a name's
  // family counts (at VARIANT_CREDIT) even when the coverage writes the name as asked (seed
  // hit@3 90.7 → 93.0% on the tuning half): "meetings with European leaders" answers a
  // question about meetings in Europe.
  const familyTerms = (query: string) => {
    const terms = new Map<string, number>();
    for (const term of lexicalTerms(query)) {
      if (documentFrequency(term) > 0) continue;
      for (const candidate of familyCandidates(term))
        if (documentFrequency(candidate) > 0) terms.set(candidate, FAMILY_WEIGHT);
    }
    return terms;
  };
  return {
    search(query, limit, accept, names, expansion) {
      if (limit <= 0) return [];
      const options = {
        fuzzy: fuzzyFor(names),
        ...(boost === undefined ? {} : { boost }),
        ...(accept === undefined
          ? {}
          : { filter: (result: { id: unknown }) => accept(result.id as number) }),
      };
      const weights = familyTerms(query);
      for (const [term, weight] of expansion ?? [])
        weights.set(term, Math.max(weight, weights.get(term) ?? 0));
      const extra = [...weights.keys()];
      // Expansion terms are index terms already (stems): matched as they are, each at its
      // own weight, alongside the question.
      const results =
        extra.length === 0
          ? miniSearch.search(query, options)
          : miniSearch.search(
              {
                combineWith: 'OR',
                queries: [
                  query,
                  {
                    queries: [extra.join(' ')],
                    processTerm: (term: string) => term,
                    fuzzy: false,
                    boostTerm: (term: string) => weights.get(term) ?? 0,
                  },
                ],
              },
              options,
            );
      const hits: LexicalHit[] = [];
      for (const result of results) {
        if (hits.length >= limit) break;
        hits.push({ passage: result.id as number, score: result.score });
      }
      return hits;
    },
    terms: lexicalTerms,
    documentFrequency,
    variants,
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
