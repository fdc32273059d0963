import { describe, expect, it } from 'vitest';
import {
  buildLexicalIndex,
  lexicalTerms,
  loadLexicalIndex,
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
