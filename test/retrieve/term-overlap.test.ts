import { describe, expect, it } from 'vitest';
import {
  factBigrams,
  termCoverage,
  VARIANT_CREDIT,
  weighQueryTerms,
  type TermStats,
} from '../../src/retrieve/term-overlap.js';

/** Whitespace words, lower-cased, as the analysed terms; df from a tiny fixed corpus. */
const stats: TermStats = {
  terms: (text) => text.toLowerCase().match(/[a-z]+/g) ?? [],
  documentFrequency: (term) => ({ russia: 9, made: 5, concessions: 2, zelenskyy: 3 })[term] ?? 0,
  variants: (term) => (term === 'zelensky' ? ['zelenskyy'] : []),
  documentCount: 10,
};

describe('termCoverage', () => {
  it('GIVEN a text with every question term THEN 1; with none THEN 0', () => {
    const weights = weighQueryTerms(stats, 'Russia made concessions');
    expect(termCoverage(stats, weights, 'russia made concessions today')).toBeCloseTo(1);
    expect(termCoverage(stats, weights, 'nothing here')).toBe(0);
  });

  it('GIVEN only the common term THEN little coverage; the rare term counts for more', () => {
    const weights = weighQueryTerms(stats, 'Russia made concessions');
    const common = termCoverage(stats, weights, 'russia');
    const rare = termCoverage(stats, weights, 'concessions');
    expect(common).toBeLessThan(rare);
    expect(common).toBeLessThan(0.2);
  });

  it('GIVEN a term the coverage never uses THEN it weighs most', () => {
    const weights = weighQueryTerms(stats, 'capital australia russia');
    expect(weights.weights.get('australia')!).toBeGreaterThan(weights.weights.get('russia')!);
  });

  it('GIVEN a spelling variant the coverage uses THEN it counts, but less than the exact term', () => {
    const query = weighQueryTerms(stats, 'zelensky');
    const variant = termCoverage(stats, query, 'zelenskyy spoke');
    expect(variant).toBeCloseTo(VARIANT_CREDIT);
    expect(termCoverage(stats, query, 'zelensky spoke')).toBe(1);
  });

  it('GIVEN a word the coverage spells out THEN found where all its words are, as a variant', () => {
    const spelling: TermStats = {
      ...stats,
      spelledOut: (words) => new Map(words.includes('GSK') ? [['GSK', ['glaxo', 'smith']]] : []),
      documentFrequency: (term) => ({ glaxo: 1, smith: 4, made: 5 })[term] ?? 0,
    };
    const query = weighQueryTerms(spelling, 'GSK made');
    // It weighs as its rarest word does, not as a word the coverage never uses.
    expect(query.weights.get('gsk')).toBeLessThan(
      weighQueryTerms(stats, 'GSK').weights.get('gsk')!,
    );
    const glaxo = termCoverage(spelling, query, 'glaxo smith made');
    const part = termCoverage(spelling, query, 'glaxo made');
    const gsk = query.weights.get('gsk')! / query.total;
    expect(glaxo).toBeCloseTo(1 - gsk + VARIANT_CREDIT * gsk);
    expect(part).toBeCloseTo(1 - gsk);
    expect(
      termCoverage(stats, weighQueryTerms(stats, 'GSK made'), 'glaxo smith made'),
    ).toBeLessThan(glaxo);
  });

  it('GIVEN question framing words THEN they are not counted as what the question is about', () => {
    const framed = weighQueryTerms(stats, 'tell happen concessions');
    expect([...framed.weights.keys()]).toEqual(['concessions']);
  });
});

describe('factBigrams', () => {
  it('GIVEN two outlets naming people differently THEN the names are not part of the fact', () => {
    const a = factBigrams(stats, 'Russia has made significant concessions to President Trump');
    const b = factBigrams(stats, 'Moscow has made significant concessions to Donald Trump');
    expect([...a].filter((g) => b.has(g)).sort()).toEqual(
      ['has made', 'made significant', 'significant concessions', 'concessions to'].sort(),
    );
    for (const g of a) expect(g).not.toMatch(/trump|russia|president/);
  });
});
