import { describe, expect, it } from 'vitest';
import {
  factBigrams,
  termCoverage,
  weighQueryTerms,
  type TermStats,
} from '../../src/retrieve/term-overlap.js';

/** Whitespace words, lower-cased, as the analysed terms; df from a tiny fixed corpus. */
const stats: TermStats = {
  terms: (text) => text.toLowerCase().match(/[a-z]+/g) ?? [],
  documentFrequency: (term) => ({ russia: 9, made: 5, concessions: 2 })[term] ?? 0,
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
    expect(weights.get('australia')!).toBeGreaterThan(weights.get('russia')!);
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
