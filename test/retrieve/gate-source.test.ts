import { describe, expect, it } from 'vitest';
import {
  carriedGate,
  GATE_FEATURES,
  GATE_REFIT_DRIFT,
  gateScore,
  isUsableGate,
  judge,
  OPEN_GATE,
  type GateEvidence,
  type GateModel,
} from '../../src/retrieve/gate.js';
import { outletsOf, resolveSource } from '../../src/retrieve/source-filter.js';
import { UserError } from '../../src/errors.js';

const evidence = (termCoverage: number): GateEvidence => ({
  similarity: 0.5,
  termCoverage,
  matchedMass: 1,
  sentenceMass: 1,
  lexicalStrength: 1,
  lexicalGap: 0.5,
  unknownShare: 0,
  unknownNameShare: 0,
  absentNames: 0,
});

/** A gate that reads term coverage only: score = 10 × (coverage − 0.5). */
const coverageGate: GateModel = {
  ...OPEN_GATE,
  modelId: 'test/model',
  weights: GATE_FEATURES.map((name) => (name === 'termCoverage' ? 10 : 0)),
  mean: GATE_FEATURES.map((name) => (name === 'termCoverage' ? 0.5 : 0)),
  answerAt: 0,
  confidentAt: 2,
};

describe('judge', () => {
  it('GIVEN a score below the answer threshold THEN declined; between THEN low; above THEN confident', () => {
    expect(gateScore(evidence(0.6), coverageGate)).toBeCloseTo(1);
    expect(judge(evidence(0.4), coverageGate)).toBe('declined');
    expect(judge(evidence(0.6), coverageGate)).toBe('low');
    expect(judge(evidence(0.9), coverageGate)).toBe('confident');
  });
  it('GIVEN the open gate THEN everything is answered', () => {
    expect(judge(evidence(0), OPEN_GATE)).toBe('confident');
  });
  it('GIVEN a stored gate of another model or version THEN it is not used', () => {
    expect(isUsableGate(coverageGate, 'test/model')).toBe(true);
    expect(isUsableGate(coverageGate, 'other/model')).toBe(false);
    expect(isUsableGate({ ...coverageGate, version: 0 }, 'test/model')).toBe(false);
    expect(isUsableGate({ ...coverageGate, weights: [1] }, 'test/model')).toBe(false);
    expect(isUsableGate(undefined, 'test/model')).toBe(false);
  });
});
describe('carriedGate', () => {
  it('GIVEN small updates THEN the stored gate is kept and its drift adds up until it passes the limit', () => {
    const step = GATE_REFIT_DRIFT / 2.5;
    const once = carriedGate(coverageGate, 'test/model', step);
    expect(once).toMatchObject({ weights: coverageGate.weights, answerAt: 0 });
    expect(once?.drift).toBeCloseTo(step);
    const twice = carriedGate(once, 'test/model', step);
    expect(twice?.drift).toBeCloseTo(2 * step);
    expect(carriedGate(twice, 'test/model', step)).toBeUndefined();
  });
  it('GIVEN no usable stored gate or a change past the limit THEN none is carried', () => {
    expect(carriedGate(undefined, 'test/model', 0)).toBeUndefined();
    expect(carriedGate(coverageGate, 'other/model', 0)).toBeUndefined();
    expect(carriedGate(coverageGate, 'test/model', GATE_REFIT_DRIFT + 0.01)).toBeUndefined();
    expect(carriedGate({ ...coverageGate, drift: Number.NaN }, 'test/model', 0)).toBeUndefined();
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
