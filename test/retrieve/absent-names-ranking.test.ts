import { describe, expect, it } from 'vitest';
import type { IndexedArticle } from '../../src/store/corpus-index.js';
import { answerQuestion } from '../../src/retrieve/answer-question.js';
import { OPEN_GATE } from '../../src/retrieve/gate.js';
import { fakeEmbedder } from '../store/fake-embedder.js';
import { memoryIndex } from '../store/sample-index.js';

// A name is distinctive when few passages hold it, so the coverage needs many passages.
const FILLER: IndexedArticle[] = Array.from({ length: 150 }, (_, i) => ({
  id: `filler-${i}`,
  title: 'Weather',
  hash: `f${i}`,
  text: `Rain fell on town number ${i} on a grey day.`,
}));
const ARTICLES: IndexedArticle[] = [
  {
    id: 'other',
    title: 'Ban',
    hash: 'o',
    text: 'The sprinter was banned for a drug after a positive test.',
  },
  {
    id: 'walker',
    title: 'Sprinter',
    hash: 'w',
    text: 'Dougie Walker tested positive for nandrolone in 1998.',
  },
  ...FILLER,
];

describe('GIVEN a question naming someone only one article names', () => {
  const question = 'Which banned drug did sprinter Dougie Walker test positive for?';

  it('THEN that article comes before one that matches more of the other words', async () => {
    const deps = { index: await memoryIndex(ARTICLES), embedder: fakeEmbedder() };
    const first = async (absentNameWeight: number) =>
      (await answerQuestion(deps, question, { gate: OPEN_GATE, absentNameWeight })).results[0]
        ?.source.id;
    // Without the rule, the other ban story's words win.
    expect(await first(0)).toBe('other');
    expect(await first(0.45)).toBe('walker');
  });
});

// A word is rare when at most 0.5% of the passages hold it: 1 of these 252.
const SERIES: IndexedArticle[] = [
  {
    id: 'november',
    title: 'Jobs',
    hash: 'n',
    text: 'Unemployment rose again this month in every region: more people are out of work, and the jobless total is climbing.',
  },
  {
    id: 'october',
    title: 'Jobs',
    hash: 'o',
    text: 'Unemployment rose for a tenth month.',
  },
  ...Array.from({ length: 250 }, (_, i) => ({
    id: `town-${i}`,
    title: 'Towns',
    hash: `t${i}`,
    text:
      i < 4
        ? `People across the region went back to work in town number ${i}.`
        : i < 7
          ? `The jobless total kept climbing in town number ${i}.`
          : `Rain fell on town number ${i} on a grey day.`,
  })),
];

describe('GIVEN a story the coverage follows over two articles, and a detail only one gives', () => {
  const question =
    'Where were people out of work and the jobless total climbing when unemployment rose for a tenth month?';

  it('THEN the article with the detail comes before one that matches more of the other words', async () => {
    const deps = { index: await memoryIndex(SERIES), embedder: fakeEmbedder() };
    const first = async (rareWordShare: number) =>
      (await answerQuestion(deps, question, { gate: OPEN_GATE, rareWordShare })).results[0]?.source
        .id;
    expect(await first(0)).toBe('november');
    expect(await first(0.005)).toBe('october');
  });
});
