import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findSetProblems,
  parseQaSet,
  readQaSet,
  SEED_STYLES,
} from '../../../scripts/eval/qa-set.js';
import { readArticles } from '../../../src/ingest/read-articles.js';
import { REPO_ROOT, SEED_ARTICLES } from '../../helpers/seed-coverage.js';
import { bbcDir, bbcPresent } from '../../ingest/corpus.js';

const articles = new Map([
  ['a', 'Russia has made “significant concessions”, Vance said.'],
  ['b', 'The Kremlin praised the choice of Alaska.'],
]);

describe('findSetProblems', () => {
  const sound = {
    onTopic: [
      {
        question: 'What did Vance say?',
        expect: ['SIGNIFICANT concessions'],
        style: 'paraphrase',
        half: 'tune' as const,
      },
      {
        question: 'Kremlin',
        expect: ['Kremlin'],
        articles: ['b'],
        style: 'name',
        half: 'tune' as const,
      },
      { question: 'Alaska', expect: ['Alaska'], style: 'name', half: 'test' as const },
    ],
    offTopic: [{ question: 'Why is grass green?', style: 'general', half: 'tune' as const }],
  };

  it('GIVEN a sound set THEN no problem', () => {
    expect(findSetProblems(parseQaSet(sound), articles)).toEqual([]);
  });

  it('GIVEN an expect string found in no article, or not in its listed article THEN each is named', () => {
    const set = parseQaSet({
      ...sound,
      onTopic: [
        { ...sound.onTopic[0]!, expect: ['significant concession', 'tangerines'] },
        { ...sound.onTopic[1]!, expect: ['concessions'] },
        sound.onTopic[2]!,
      ],
    });
    expect(findSetProblems(set, articles)).toEqual([
      '"What did Vance say?": "tangerines" occurs in no article body',
      '"Kremlin": "concessions" occurs in no listed article body',
    ]);
  });

  it('GIVEN halves that break the alternation rule, an unknown style or article, a repeat THEN each is named', () => {
    const set = parseQaSet({
      onTopic: [
        { ...sound.onTopic[0]!, half: 'test' },
        { ...sound.onTopic[1]!, articles: ['zz'] },
        { ...sound.onTopic[2]!, style: 'riddle', half: 'tune' },
      ],
      offTopic: [{ question: 'kremlin', style: 'general', half: 'tune' }],
    });
    expect(findSetProblems(set, articles)).toEqual([
      '"Kremlin": no article "zz"',
      '"Kremlin": "Kremlin" occurs in no listed article body',
      '"Alaska": unknown style "riddle"',
      '"kremlin" appears twice',
      '"What did Vance say?": half is "test", the alternation rule says "tune"',
    ]);
  });

  it('GIVEN off-topic questions as bare strings (older files) THEN style general, alternating halves', () => {
    const set = parseQaSet({ onTopic: [], offTopic: ['One?', 'Two?', 'Three?'] });
    expect(set.offTopic).toEqual(['One?', 'Two?', 'Three?']);
    expect(set.offTopicQuestions.map((q) => [q.style, q.half])).toEqual([
      ['general', 'tune'],
      ['general', 'test'],
      ['general', 'tune'],
    ]);
  });
});

describe('GIVEN the seed QA set (test/fixtures/qa.json)', () => {
  it('THEN every expect string occurs in a seed article body, and the set is sound', async () => {
    const set = await readQaSet(path.join(REPO_ROOT, 'test/fixtures/qa.json'));
    const { articles: seeds } = await readArticles(SEED_ARTICLES);
    expect(findSetProblems(set, new Map(seeds.map((a) => [a.id, a.text])))).toEqual([]);
  });

  it('THEN it has ≥ 60 answerable questions in all five styles, both halves, and ≥ 20 off-topic', async () => {
    const set = await readQaSet(path.join(REPO_ROOT, 'test/fixtures/qa.json'));
    expect(set.onTopic.length).toBeGreaterThanOrEqual(60);
    expect(set.offTopic.length).toBeGreaterThanOrEqual(20);
    for (const style of SEED_STYLES) {
      for (const half of ['tune', 'test']) {
        const n = set.onTopic.filter((q) => q.style === style && q.half === half).length;
        expect(n, `${style}/${half}`).toBeGreaterThanOrEqual(5);
      }
    }
  });
});

// test/ingest/corpus.ts locates the corpus and says, when it is missing, that its tests skip.

describe.skipIf(!bbcPresent)(
  'GIVEN the BBC QA set (test/fixtures/bbc-qa.json) and the BBC corpus',
  () => {
    it('THEN every expect string occurs in a listed article body, and the set is sound', async () => {
      const set = await readQaSet(path.join(REPO_ROOT, 'test/fixtures/bbc-qa.json'));
      const { articles: bbc } = await readArticles(bbcDir);
      expect(findSetProblems(set, new Map(bbc.map((a) => [a.id, a.text])))).toEqual([]);
      expect(set.onTopic.length).toBeGreaterThanOrEqual(40);
      expect(set.offTopic.length).toBeGreaterThanOrEqual(30);
      expect(set.onTopic.every((q) => q.articles !== undefined && q.articles.length > 0)).toBe(
        true,
      );
    });
  },
);
