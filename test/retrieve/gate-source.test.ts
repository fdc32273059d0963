import { describe, expect, it } from 'vitest';
import { gateThresholdsFor, passesGate } from '../../src/retrieve/gate.js';
import { outletsOf, resolveSource } from '../../src/retrieve/source-filter.js';
import { UserError } from '../../src/errors.js';

describe('passesGate', () => {
  const thresholds = { minTermCoverage: 0.5, minSimilarity: 0.3, semanticOnly: 0.8 };
  it('GIVEN shared terms and some similarity THEN it answers', () => {
    expect(passesGate({ similarity: 0.4, termCoverage: 0.6 }, thresholds)).toBe(true);
  });
  it('GIVEN no shared terms THEN only a very close meaning answers', () => {
    expect(passesGate({ similarity: 0.7, termCoverage: 0 }, thresholds)).toBe(false);
    expect(passesGate({ similarity: 0.85, termCoverage: 0 }, thresholds)).toBe(true);
  });
  it('GIVEN an uncalibrated model THEN shared terms decide, whatever the similarity', () => {
    const gate = gateThresholdsFor('some/unknown-model');
    expect(passesGate({ similarity: 0.99, termCoverage: 0.05 }, gate)).toBe(false);
    expect(passesGate({ similarity: -0.5, termCoverage: 0.9 }, gate)).toBe(true);
  });
});

describe('resolveSource', () => {
  const articles = [
    { id: '001', title: 'A', outlet: 'Real News Now' },
    { id: '002', title: 'B', outlet: 'Real News Now' },
    { id: '003', title: 'C' },
  ];
  it('GIVEN an article id THEN only that article', () => {
    expect([...resolveSource(articles, '003')]).toEqual(['003']);
  });
  it('GIVEN an outlet in any case THEN all its articles', () => {
    expect([...resolveSource(articles, ' real news now ')]).toEqual(['001', '002']);
  });
  it('GIVEN an unknown name THEN a user error that says where to look', () => {
    expect(() => resolveSource(articles, 'Nope')).toThrow(UserError);
    expect(() => resolveSource(articles, 'Nope')).toThrow(/sources/);
  });
  it('lists outlets once, sorted', () => {
    expect(outletsOf(articles)).toEqual(['Real News Now']);
  });
});
