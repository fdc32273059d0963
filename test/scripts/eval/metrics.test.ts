import { describe, expect, it } from 'vitest';
import {
  articleRank,
  breakDown,
  summariseAnswerable,
  summariseOffTopic,
  type AnswerableOutcome,
} from '../../../scripts/eval/metrics.js';
import type { Half } from '../../../scripts/eval/split.js';
import type { Answer, AnswerResult } from '../../../src/retrieve/answer-types.js';

const outcome = (rank: number, answered = true, style = 'name', half: Half = 'tune') =>
  ({ rank, answered, style, half }) satisfies AnswerableOutcome;

describe('summariseAnswerable', () => {
  it('GIVEN ranks 1, 2, 4, a miss and a decline THEN hit@1, hit@3, MRR and false declines over all five', () => {
    const s = summariseAnswerable([
      outcome(1),
      outcome(2),
      outcome(4),
      outcome(0),
      outcome(0, false),
    ]);
    expect(s.n).toBe(5);
    expect(s.hit1).toBeCloseTo(1 / 5);
    expect(s.hit3).toBeCloseTo(2 / 5);
    expect(s.hit5).toBeCloseTo(3 / 5);
    expect(s.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 4) / 5);
    expect(s.falseDeclines).toBeCloseTo(1 / 5);
  });

  it('GIVEN a deeper rank measured apart (rank5) THEN hit@5 reads it', () => {
    const s = summariseAnswerable([
      { ...outcome(0), rank5: 4 },
      { ...outcome(2), rank5: 0 },
    ]);
    expect(s.hit3).toBeCloseTo(1 / 2);
    expect(s.hit5).toBeCloseTo(1 / 2);
  });

  it('GIVEN no question THEN zeros, not NaN', () => {
    expect(summariseAnswerable([])).toEqual({
      n: 0,
      hit1: 0,
      hit3: 0,
      hit5: 0,
      mrr: 0,
      falseDeclines: 0,
    });
    expect(summariseOffTopic([])).toEqual({ n: 0, declined: 0 });
  });
});

describe('summariseOffTopic', () => {
  it('GIVEN three off-topic questions, one answered THEN two thirds declined', () => {
    const s = summariseOffTopic([
      { style: 'general', half: 'tune', answered: false },
      { style: 'general', half: 'test', answered: true },
      { style: 'news-words', half: 'test', answered: false },
    ]);
    expect(s).toEqual({ n: 3, declined: 2 / 3 });
  });
});

describe('breakDown', () => {
  it('GIVEN outcomes of two styles and two halves THEN per half and style, with "all" rows and columns', () => {
    const outcomes = [
      outcome(1, true, 'name', 'tune'),
      outcome(0, true, 'name', 'test'),
      outcome(1, true, 'factoid', 'test'),
    ];
    const table = breakDown(outcomes, (g) => g.length);
    expect(table).toEqual({
      tune: { name: 1, all: 1 },
      test: { name: 1, factoid: 1, all: 2 },
      all: { name: 2, factoid: 1, all: 3 },
    });
    expect(Object.keys(table)).toEqual(['tune', 'test', 'all']);
  });
});

describe('articleRank', () => {
  const result = (id: string, also: string[] = []): AnswerResult => ({
    text: 'quote',
    score: 1,
    source: { id, title: id },
    alsoReportedBy: also.map((a) => ({ id: a, title: a })),
  });
  const answer = (results: AnswerResult[]): Answer => ({
    question: 'q',
    answered: results.length > 0,
    results,
  });

  it('GIVEN the article as the third source THEN rank 3', () => {
    expect(articleRank(answer([result('a'), result('b'), result('c')]), new Set(['c']))).toBe(3);
  });

  it('GIVEN the article only as "also reported by" THEN that result counts', () => {
    expect(articleRank(answer([result('a'), result('b', ['c'])]), new Set(['c']))).toBe(2);
  });

  it('GIVEN the article beyond the depth, or a declined answer THEN 0', () => {
    expect(articleRank(answer([result('a'), result('c')]), new Set(['c']), 1)).toBe(0);
    expect(articleRank(answer([]), new Set(['c']))).toBe(0);
  });
});
