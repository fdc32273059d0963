import type { Embedder } from '../embed/embedder.js';
import type { CorpusIndex } from '../store/corpus-index.js';
import { dotProduct } from './vector-search.js';

/**
 * Words of the coverage that mean what a question word means, for question words the coverage
 * never uses ("soldiers" → "troops", "exchanging" → "swapping"): the embedding model's own
 * nearest neighbours of the word among the coverage's vocabulary. Works with any model (a word
 * is embedded like any text); the vocabulary is embedded once, on first need.
 */
export interface TermNeighbours {
  /** Coverage terms near `word` (as the question writes it), closest first. */
  near(word: string): Promise<readonly { readonly term: string; readonly similarity: number }[]>;
}

/** Tuning of the expansion; measured with `npm run eval` (README). */
export const NEIGHBOUR_OPTIONS = {
  /** Closest neighbours kept per word. */
  count: 2,
  /** Cosine a neighbour must reach (bundled model: "soldiers"/"troops" 0.84, "British"/"uk" 0.52). */
  minSimilarity: 0.55,
  /**
   * Terms used in fewer passages are left out of the vocabulary. 1 keeps them all: on a small
   * coverage the one passage that says "swapping" is exactly the one to find.
   */
  minDocumentFrequency: 1,
};

const WORD = /\p{L}[\p{L}\p{M}’'-]*/gu;

/** The coverage's vocabulary: each index term with the spelling it most often has. */
export function coverageVocabulary(index: CorpusIndex): { terms: string[]; words: string[] } {
  const spellings = new Map<string, Map<string, number>>();
  for (const passage of index.passages) {
    for (const match of passage.text.matchAll(WORD)) {
      const word = match[0].toLowerCase();
      const term = index.lexical.terms(word)[0];
      if (term === undefined) continue;
      if (index.lexical.documentFrequency(term) < NEIGHBOUR_OPTIONS.minDocumentFrequency) continue;
      let counts = spellings.get(term);
      if (counts === undefined) spellings.set(term, (counts = new Map()));
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const terms = [...spellings.keys()].sort();
  const words = terms.map((term) => {
    let best = '';
    let most = 0;
    for (const [word, count] of spellings.get(term)!) {
      if (count > most || (count === most && word < best)) [best, most] = [word, count];
    }
    return best;
  });
  return { terms, words };
}

/**
 * Neighbours over `index`'s vocabulary, embedded when a question first needs it (about 0.6 s
 * for BBC's 30,000 words with the bundled model). Not before: a one-question `ask` whose
 * words are all in the coverage never pays for it, and nothing runs on after `close()`.
 */
export function termNeighbours(index: CorpusIndex, embedder: Embedder): TermNeighbours {
  let vocabulary: Promise<{ terms: string[]; vectors: Float32Array[] }> | undefined;
  const load = () => {
    vocabulary ??= (async () => {
      const { terms, words } = coverageVocabulary(index);
      return { terms, vectors: await embedder.embed(words) };
    })();
    return vocabulary;
  };
  return {
    async near(word) {
      const [query] = await embedder.embed([word.toLowerCase()]);
      if (query === undefined || !query.some((x) => x !== 0)) return [];
      const { terms, vectors } = await load();
      const found: { term: string; similarity: number }[] = [];
      vectors.forEach((vector, i) => {
        const similarity = dotProduct(query, vector);
        if (similarity >= NEIGHBOUR_OPTIONS.minSimilarity)
          found.push({ term: terms[i]!, similarity });
      });
      return found
        .sort((a, b) => b.similarity - a.similarity || a.term.localeCompare(b.term))
        .slice(0, NEIGHBOUR_OPTIONS.count);
    },
  };
}
