import { describe, expect, it } from 'vitest';
import { withoutAbsentNames } from '../../src/retrieve/absent-names.js';
import { weighQueryTerms, type TermStats } from '../../src/retrieve/term-overlap.js';
import { lexicalTerms } from '../../src/store/lexical-index.js';

// 1,000 passages: a term in at most 5 of them is rare (0.5%), in at most 10 a distinctive name.
const FREQUENCY: Record<string, number> = { tenth: 1, month: 400, unemploy: 300, rose: 200 };
const STATS: TermStats = {
  terms: lexicalTerms,
  documentFrequency: (term) => FREQUENCY[term] ?? 0,
  variants: () => [],
  documentCount: 1000,
};
const ARTICLES: Record<string, string> = {
  november: 'Unemployment rose again this month.',
  october: 'Unemployment rose for a tenth month.',
  march: 'Unemployment rose in March.',
};
const candidates = (ids: string[]) => ids.map((articleId) => ({ articleId, relevance: 1 }));
const rank = (ids: string[], rareWordShare: number) =>
  withoutAbsentNames(
    candidates(ids),
    STATS,
    weighQueryTerms(STATS, 'Did unemployment rise for a tenth month?'),
    (id) => ARTICLES[id]!,
    0.45,
    rareWordShare,
  ).map((c) => [c.articleId, Math.round(c.relevance * 100) / 100]);

describe('withoutAbsentNames, for the question’s rare words', () => {
  it('GIVEN an article with every rare word THEN the others lose that share × the weight', () => {
    expect(rank(['november', 'october'], 0.005)).toEqual([
      ['november', 0.55],
      ['october', 1],
    ]);
  });

  it('GIVEN no article with every rare word THEN nothing changes', () => {
    expect(rank(['november', 'march'], 0.005)).toEqual([
      ['november', 1],
      ['march', 1],
    ]);
  });

  it('GIVEN rareWordShare 0 THEN no word is rare', () => {
    expect(rank(['november', 'october'], 0)).toEqual([
      ['november', 1],
      ['october', 1],
    ]);
  });
});
