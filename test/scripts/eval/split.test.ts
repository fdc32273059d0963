import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryOf, sampleHeadlines } from '../../../scripts/eval/headlines.js';
import { alternateHalves, hashHalf } from '../../../scripts/eval/split.js';
import { fnv1a } from '../../../src/fnv1a.js';

describe('alternateHalves', () => {
  it('GIVEN items of two styles THEN each style alternates tune, test, … in file order', () => {
    const styles = ['a', 'b', 'a', 'a', 'b'];
    expect(alternateHalves(styles, (s) => s)).toEqual(['tune', 'tune', 'test', 'tune', 'test']);
  });

  it('GIVEN any list THEN within each style the halves differ by at most one item', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('x', 'y', 'z')), (styles) => {
        const halves = alternateHalves(styles, (s) => s);
        for (const style of new Set(styles)) {
          const mine = halves.filter((_, i) => styles[i] === style);
          const tune = mine.filter((h) => h === 'tune').length;
          expect(tune - (mine.length - tune)).toBeGreaterThanOrEqual(0);
          expect(tune - (mine.length - tune)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});

describe('hashHalf', () => {
  it('GIVEN the FNV-1a test vectors THEN the published hashes', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('GIVEN an id THEN its half follows the hash parity, the same on every call', () => {
    expect(hashHalf('a')).toBe('tune'); // 0xe40c292c is even
    expect(hashHalf('foobar')).toBe('tune');
    expect(hashHalf('business/001')).toBe(hashHalf('business/001'));
    const halves = Array.from({ length: 400 }, (_, i) => hashHalf(`sport/${i}`));
    const tune = halves.filter((h) => h === 'tune').length;
    expect(tune).toBeGreaterThan(150);
    expect(tune).toBeLessThan(250);
  });
});

describe('sampleHeadlines', () => {
  const articles = ['business', 'sport'].flatMap((category) =>
    Array.from({ length: 10 }, (_, i) => ({
      id: `${category}/${String(i).padStart(3, '0')}`,
      title: `${category} story ${i}`,
    })),
  );

  it('GIVEN two categories of 10 THEN 4 from each at an even stride, each with its category and hash half', () => {
    const queries = sampleHeadlines(articles, 4);
    expect(queries.map((q) => q.articleId)).toEqual([
      'business/000',
      'business/002',
      'business/005',
      'business/007',
      'sport/000',
      'sport/002',
      'sport/005',
      'sport/007',
    ]);
    for (const q of queries) {
      expect(q.style).toBe(categoryOf(q.articleId));
      expect(q.half).toBe(hashHalf(q.articleId));
      expect(q.question).toBe(articles.find((a) => a.id === q.articleId)!.title);
    }
  });

  it('GIVEN the articles in another order THEN the same queries', () => {
    expect(sampleHeadlines([...articles].reverse(), 4)).toEqual(sampleHeadlines(articles, 4));
  });

  it('GIVEN a story stored twice under the same title THEN both ids are accepted', () => {
    const twice = [...articles, { id: 'sport/100', title: ' Business Story 0 ' }];
    const query = sampleHeadlines(twice, 4).find((q) => q.articleId === 'business/000')!;
    expect(query.accepted).toEqual(['business/000', 'sport/100']);
  });

  it('GIVEN fewer articles than asked for THEN each once', () => {
    expect(sampleHeadlines(articles.slice(0, 3), 50)).toHaveLength(3);
  });
});
