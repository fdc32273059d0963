import type { CorpusIndex } from '../store/corpus-index.js';

/**
 * What a question word that the coverage never writes stands for in it, when the coverage
 * writes it in full: an abbreviation spelled out ("GSK" → "GlaxoSmithKline", "TOTP" → "Top of
 * the Pops", "LSE" → "London Stock Exchange") or a compound written as two words
 * ("stockmarket" → "stock market"). Headlines and questions abbreviate what reports spell out;
 * neither the stemmer nor a spelling variant joins the two, nor, for a name, the model's
 * neighbours.
 *
 * Given a question's words, returns for each word the coverage spells out the index terms of
 * the words written out, all of which a text must hold to say what the word says.
 */
export type SpelledOut = (words: readonly string[]) => ReadonlyMap<string, readonly string[]>;

/** Tuning of the look-up, with what chose it. */
export const SPELLED_OUT = {
  /**
   * Shortest abbreviation looked up: two letters ("PM", "FA") stand for too many things, and
   * the ones news uses most ("EU", "UN", "US") are in any coverage as written.
   */
  minLetters: 3,
  maxLetters: 6,
  /** Shortest part of a compound: "therapist" is not "the rapist" (and "the" is no term). */
  minPart: 3,
  /** Longest compound tried: each cut of a word is two look-ups ("stockmarket" has 6 cuts). */
  maxCompound: 30,
  /** Words looked up per coverage, remembered (a long-running bot meets new words forever). */
  memo: 10_000,
  /**
   * Words of one question looked up for the first time: each is a scan of the coverage's text
   * (15–30 ms on BBC), and a question of a hundred made-up abbreviations must not cost seconds.
   */
  scansPerQuestion: 4,
};

/** A word written in capitals, as abbreviations are ("GSK", "TOTP", "MPs"). */
const ABBREVIATION = /^(\p{Lu}{2,})s?$/u;
const COMPOUND = new RegExp(
  `^\\p{Ll}{${2 * SPELLED_OUT.minPart},${SPELLED_OUT.maxCompound}}$`,
  'u',
);

/**
 * A run of capitalised words, with the small words that join the words of a name: "Top of the
 * Pops", "Department for Work and Pensions", "Johnson & Johnson". A word may be joined by a
 * hyphen ("Rolls-Royce") and carry inner capitals ("GlaxoSmithKline", "PlayStation").
 */
const CONNECTORS = 'of|the|and|for|on|in|de|&';
const NAME_RUN = new RegExp(
  `\\p{Lu}[\\p{L}\\p{M}’'-]*(?:\\s+(?:(?:${CONNECTORS})\\s+)*\\p{Lu}[\\p{L}\\p{M}’'-]*)*`,
  'gu',
);
const CONNECTOR = new RegExp(`^(?:${CONNECTORS})$`, 'u');
const INNER_CAPITAL = /.\p{Lu}/u;

/** Pieces of a written word whose first letters an abbreviation takes: "GlaxoSmithKline" → 3. */
function pieces(word: string): string[] {
  return word
    .split(/[-’']/u)
    .flatMap((part) => part.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+/gu) ?? []);
}

/**
 * The words of `run` that `letters` abbreviates, if any stretch of it does: either every
 * word's first letter ("Top of the Pops" → TOTP) or only the capitalised ones' ("Department
 * for Work and Pensions" → DWP), inner capitals counting as words (GSK).
 */
export function abbreviatedIn(run: string, letters: string): string | undefined {
  const words = run.split(/\s+/u);
  for (let first = 0; first < words.length; first++) {
    if (CONNECTOR.test(words[first]!)) continue;
    let all = '';
    let capitals = '';
    for (let last = first; last < words.length; last++) {
      const word = words[last]!;
      const initials = CONNECTOR.test(word)
        ? word === '&'
          ? ''
          : word[0]!.toUpperCase()
        : pieces(word)
            .map((piece) => piece[0]!.toUpperCase())
            .join('');
      all += initials;
      if (!CONNECTOR.test(word)) capitals += initials;
      if (all.length > letters.length && capitals.length > letters.length) break;
      if (CONNECTOR.test(word)) continue;
      if (all === letters || capitals === letters) return words.slice(first, last + 1).join(' ');
    }
  }
  return undefined;
}

/**
 * The look-up over `index`'s articles. Each word is looked up once (a scan of the coverage's
 * text, about as long as BM25 takes over it) and only for a word the coverage never writes.
 */
export function spelledOutIn(index: CorpusIndex): SpelledOut {
  const known = (term: string) => index.lexical.documentFrequency(term) > 0;
  const memo = new Map<string, readonly string[] | undefined>();
  const texts = () => [...index.articles.values()].map((article) => article.text);
  /** The look-up of one word, or undefined when its shape rules it out (no scan needed). */
  const lookUp = (word: string): (() => readonly string[] | undefined) | undefined => {
    const abbreviation = ABBREVIATION.exec(word)?.[1];
    if (abbreviation !== undefined)
      return abbreviation.length < SPELLED_OUT.minLetters ||
        abbreviation.length > SPELLED_OUT.maxLetters
        ? undefined
        : () => spellOut(texts(), abbreviation, index.lexical.terms);
    if (COMPOUND.test(word)) return () => splitCompound(texts(), word, known, index.lexical.terms);
    return undefined;
  };
  return (words) => {
    const found = new Map<string, readonly string[]>();
    let scans = 0;
    for (const word of words) {
      const [term] = index.lexical.terms(word);
      if (term === undefined || known(term)) continue;
      let parts = memo.get(word);
      if (!memo.has(word)) {
        const scan = lookUp(word);
        if (scan !== undefined && scans >= SPELLED_OUT.scansPerQuestion) continue;
        if (scan !== undefined) scans++;
        parts = scan?.();
        if (memo.size >= SPELLED_OUT.memo) memo.clear();
        memo.set(word, parts);
      }
      if (parts !== undefined) found.set(word, parts);
    }
    return found;
  };
}

/** The terms of the written-out name the texts use most for `letters`. */
function spellOut(
  texts: readonly string[],
  letters: string,
  terms: (text: string) => string[],
): string[] | undefined {
  const counts = new Map<string, number>();
  const first = letters[0]!;
  const last = letters[letters.length - 1]!;
  for (const text of texts)
    for (const [run] of text.matchAll(NAME_RUN)) {
      // Most runs are one plain word, or lack the first or last capital: passed over cheaply
      // (BBC's 98,000 runs: 220 ms tried each, 20 ms so).
      if (!run.includes(' ') && !INNER_CAPITAL.test(run)) continue;
      if (!run.includes(first) || !run.includes(last)) continue;
      const name = abbreviatedIn(run, letters);
      if (name !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  let best: string | undefined;
  let most = 0;
  for (const [name, count] of counts)
    if (count > most || (count === most && name < best!)) [best, most] = [name, count];
  return best === undefined ? undefined : distinct(terms(best));
}

/** The two words `word` joins, as the texts write them apart ("stock market"), if they do. */
function splitCompound(
  texts: readonly string[],
  word: string,
  known: (term: string) => boolean,
  terms: (text: string) => string[],
): string[] | undefined {
  for (let cut = SPELLED_OUT.minPart; cut <= word.length - SPELLED_OUT.minPart; cut++) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    const parts = [...terms(head), ...terms(tail)];
    if (parts.length !== 2 || !parts.every(known)) continue;
    const apart = new RegExp(`(?<![\\p{L}\\p{N}])${head}[\\s-]+${tail}(?![\\p{L}\\p{N}])`, 'iu');
    if (texts.some((text) => apart.test(text))) return parts;
  }
  return undefined;
}

function distinct(terms: readonly string[]): string[] {
  return [...new Set(terms)];
}
