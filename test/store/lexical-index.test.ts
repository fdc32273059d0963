import { describe, expect, it } from 'vitest';
import {
  buildLexicalIndex,
  familyCandidates,
  lexicalTerms,
  loadLexicalIndex,
  MAX_VARIANT_LENGTH,
  variantDistance,
} from '../../src/store/lexical-index.js';
import { paragraphPassages, SAMPLE_ARTICLES } from './sample-index.js';

const passages = SAMPLE_ARTICLES.flatMap((article) => paragraphPassages(article.id, article.text));
const titles = new Map(SAMPLE_ARTICLES.map((article) => [article.id, article.title]));

describe('lexicalTerms', () => {
  it('GIVEN inflected words THEN they share one stem', () => {
    expect(lexicalTerms('rates')).toEqual(lexicalTerms('rate'));
    expect(lexicalTerms('flooded')).toEqual(lexicalTerms('flooding'));
  });

  it('GIVEN stop words, single letters and accents THEN stop words and letters are dropped, accents folded', () => {
    expect(lexicalTerms("What is the bank's café?")).toEqual(['bank', 'cafe']);
  });

  it('GIVEN numbers THEN they are kept as terms', () => {
    expect(lexicalTerms('40,000 fans in 2024')).toEqual(['40', '000', 'fan', '2024']);
  });
});

describe('buildLexicalIndex', () => {
  const index = buildLexicalIndex(passages, titles);

  it('GIVEN a query in another inflection THEN the passage with the stem ranks first', () => {
    const hits = index.search('rate raising', 5);
    expect(passages[hits[0]!.passage]!.id).toBe('a-rates#0');
  });

  it('GIVEN only stop words THEN nothing matches', () => {
    expect(index.search('what is the', 5)).toEqual([]);
  });

  it('GIVEN an accept filter THEN only accepted passages are returned', () => {
    const accept = (position: number) => passages[position]!.articleId === 'b-flood';
    const hits = index.search('river road closed council', 10, accept);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((hit) => accept(hit.passage))).toBe(true);
  });

  it('GIVEN a limit THEN at most that many hits, best first', () => {
    const hits = index.search('the goal cup crowd coach', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it('GIVEN a term THEN documentFrequency counts the passages whose text holds it', () => {
    const [cup] = index.terms('cup');
    expect(index.documentFrequency(cup!)).toBe(1);
    expect(index.documentFrequency('nonexistentterm')).toBe(0);
  });

  it('GIVEN the saved form reloaded THEN searches and frequencies are identical', () => {
    const loaded = loadLexicalIndex(JSON.parse(JSON.stringify(index.toJSON())));
    for (const query of ['interest rates mortgage', 'flooded road', 'striker goal']) {
      expect(loaded.search(query, 10)).toEqual(index.search(query, 10));
    }
    expect(loaded.documentFrequency('road')).toBe(index.documentFrequency('road'));
  });

  it('GIVEN a saved form of another version THEN loading fails with a message', () => {
    const file = { ...index.toJSON(), version: 999 };
    expect(() => loadLexicalIndex(file)).toThrow(/version 999/);
    expect(() => loadLexicalIndex('nonsense')).toThrow(/lexical\.json/);
  });
});

describe('place and people names (familyCandidates, variants, search)', () => {
  const family = buildLexicalIndex([
    ...paragraphPassages(
      'r',
      'Russia has agreed to talks in Europe about the war in Ukraine.\n\nThe weather was mild across the region on Monday.',
    ),
    ...paragraphPassages('g', 'Doctors warned that germs spread quickly in crowded wards.'),
  ]);

  it('GIVEN a demonym or a place THEN the other is one ending away', () => {
    const [russian] = lexicalTerms('Russian');
    const [ukrainian] = lexicalTerms('Ukrainian');
    expect(familyCandidates(russian!)).toContain(lexicalTerms('Russia')[0]);
    expect(familyCandidates(ukrainian!)).toContain(lexicalTerms('Ukraine')[0]);
    expect(familyCandidates(lexicalTerms('Europe')[0]!)).toContain(lexicalTerms('European')[0]);
    // Numbers and very short stems have no family.
    expect(familyCandidates('2024')).toEqual([]);
    expect(familyCandidates('war')).toEqual([]);
  });

  it('GIVEN a demonym the coverage never uses THEN its place is a variant, and BM25 finds it', () => {
    const [ukrainian] = lexicalTerms('Ukrainian');
    expect(family.variants(ukrainian!)).toContain(lexicalTerms('Ukraine')[0]);
    const hits = family.search('Ukrainian war', 5);
    expect(hits[0]?.passage).toBe(0);
  });

  it('GIVEN a name the coverage also writes as asked THEN its family is a variant for quoting, but BM25 does not add it', () => {
    const both = buildLexicalIndex(
      paragraphPassages('e', 'Leaders met in Europe on Monday.\n\nThe European rules changed.'),
    );
    const [european] = lexicalTerms('European');
    expect(both.variants(european!)).toEqual([]);
    expect(both.variants(european!, true)).toEqual(lexicalTerms('Europe'));
    const names = new Set([european!]);
    expect(both.search('European', 5, undefined, names).map((h) => h.passage)).toEqual([1]);
  });

  it('GIVEN a name the coverage writes THEN other spellings one edit away count, places two edits away do not', () => {
    const places = buildLexicalIndex(
      paragraphPassages(
        'p',
        'Zelensky met the Austria delegation.\n\nZelenskyy spoke in Australia on Monday.',
      ),
    );
    const [zelensky] = lexicalTerms('Zelensky');
    const [australia] = lexicalTerms('Australia');
    expect(places.variants(zelensky!, true)).toEqual(lexicalTerms('Zelenskyy'));
    expect(places.variants(australia!, true)).not.toContain(lexicalTerms('Austria')[0]);
    // A name the coverage never writes still reaches two edits ("Zelenskiyy" → "Zelenskyy").
    expect(places.variants(lexicalTerms('Zelenskiyy')[0]!)).toContain(lexicalTerms('Zelenskyy')[0]);
    expect(
      places.search('Australia', 5, undefined, new Set([australia!])).map((h) => h.passage),
    ).toEqual([1]);
  });

  it('GIVEN a word one short ending from another ("German", "germs") THEN they are not joined', () => {
    expect(familyCandidates(lexicalTerms('German')[0]!)).not.toContain(lexicalTerms('germs')[0]);
    expect(family.search('German doctors', 5).map((hit) => hit.passage)).toEqual([2]);
  });
});

describe('hostile words', () => {
  it('GIVEN a 200,000-letter word in an article and in a query THEN search and variants work, without variants for it', () => {
    // Fuzzy search allocates the square of the word's length: this once asked for 40 GB and
    // crashed the ingest (its gate fitting asks questions made of the articles' words).
    const blob = 'a'.repeat(200_000);
    const index = buildLexicalIndex(paragraphPassages('blob', `Officials said ${blob} today.`));
    const [unknown] = lexicalTerms(`b${blob}`);
    expect(variantDistance(unknown!)).toBe(0);
    expect(variantDistance('a'.repeat(MAX_VARIANT_LENGTH))).toBe(2);
    expect(index.variants(unknown!)).toEqual([]);
    expect(index.search(`b${blob} officials`, 5).map((hit) => hit.passage)).toEqual([0]);
    expect(index.search(blob, 5).map((hit) => hit.passage)).toEqual([0]);
  });
});
