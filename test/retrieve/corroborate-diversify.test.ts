import { describe, expect, it } from 'vitest';
import { groupSameFacts } from '../../src/retrieve/corroborate.js';
import { maximalMarginalRelevance } from '../../src/retrieve/diversify.js';

interface C {
  id: string;
  article: string;
  fact: string;
}
const c = (id: string, article: string, fact: string): C => ({ id, article, fact });

describe('groupSameFacts', () => {
  it('GIVEN one fact from three outlets THEN one group lists the other two once each', () => {
    const groups = groupSameFacts(
      [
        c('a1', 'A', 'x'),
        c('b1', 'B', 'x'),
        c('a2', 'A', 'x'),
        c('c1', 'C', 'x'),
        c('b2', 'B', 'y'),
      ],
      (x) => x.article,
      (x, y) => x.fact === y.fact,
    );
    expect(groups.map((g) => [g.lead.id, g.corroborating.map((x) => x.id)])).toEqual([
      ['a1', ['b1', 'c1']],
      ['b2', []],
    ]);
  });
});

describe('maximalMarginalRelevance', () => {
  it('GIVEN a near-duplicate of the best item THEN a different fact comes second', () => {
    const items = [
      { id: 'best', rel: 1, topic: 0 },
      { id: 'dupe', rel: 0.95, topic: 0 },
      { id: 'other', rel: 0.8, topic: 1 },
    ];
    const picked = maximalMarginalRelevance(
      items,
      (i) => i.rel,
      (a, b) => (a.topic === b.topic ? 1 : 0),
      2,
    );
    expect(picked.map((i) => i.id)).toEqual(['best', 'other']);
  });

  it('GIVEN lambda 1 THEN it is plain relevance order', () => {
    const items = [0.2, 0.9, 0.5];
    expect(
      maximalMarginalRelevance(
        items,
        (x) => x,
        () => 1,
        3,
        1,
      ),
    ).toEqual([0.9, 0.5, 0.2]);
  });
});

describe('groupSameFacts without chaining', () => {
  it('GIVEN A~C and C~B but not A~B THEN B is not pulled into A through C', () => {
    const links = new Set(['a1|c1', 'c1|b1']);
    const same = (x: C, y: C) => links.has(`${x.id}|${y.id}`) || links.has(`${y.id}|${x.id}`);
    const groups = groupSameFacts(
      [c('a1', 'A', ''), c('b1', 'B', ''), c('c1', 'C', '')],
      (x) => x.article,
      same,
    );
    expect(groups.map((g) => [g.lead.id, g.corroborating.map((x) => x.id)])).toEqual([
      ['a1', ['c1']],
      ['b1', []],
    ]);
  });
});
