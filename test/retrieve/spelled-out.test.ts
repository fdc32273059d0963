import { beforeAll, describe, expect, it } from 'vitest';
import type { CorpusIndex, IndexedArticle } from '../../src/store/corpus-index.js';
import {
  abbreviatedIn,
  SPELLED_OUT,
  spelledOutIn,
  type SpelledOut,
} from '../../src/retrieve/spelled-out.js';
import { memoryIndex } from '../store/sample-index.js';

describe('abbreviatedIn', () => {
  it.each([
    ['Top of the Pops', 'TOTP', 'Top of the Pops'],
    ['Department for Work and Pensions', 'DWP', 'Department for Work and Pensions'],
    ['GlaxoSmithKline', 'GSK', 'GlaxoSmithKline'],
    ['The London Stock Exchange', 'LSE', 'London Stock Exchange'],
    ['Sony PlayStation Portable', 'PSP', 'PlayStation Portable'],
    ['Rolls-Royce Motor Cars', 'RRMC', 'Rolls-Royce Motor Cars'],
  ])('GIVEN %j THEN %s abbreviates %j', (run, letters, name) => {
    expect(abbreviatedIn(run, letters)).toBe(name);
  });

  it.each([
    ['Top of the Pops', 'TTP'],
    ['London Stock Exchange', 'LSX'],
    ['BBC World Service', 'BBC'],
  ])('GIVEN %j THEN %s is not abbreviated in it', (run, letters) => {
    expect(abbreviatedIn(run, letters)).toBeUndefined();
  });
});

const ARTICLES: IndexedArticle[] = [
  {
    id: 'glaxo',
    title: 'Drug maker',
    hash: 'a',
    text: 'GlaxoSmithKline will change the colour of its pills.\n\nShares in GlaxoSmithKline rose on the stock market today.',
  },
  {
    id: 'pops',
    title: 'Chart show',
    hash: 'b',
    text: 'Top of the Pops has turned to an Elvis impersonator.\n\nTop of the Pops airs on Friday; the Tip of the Pier cafe is closed.',
  },
  {
    id: 'web',
    title: 'Web',
    hash: 'c',
    text: 'The website and the web site differ.\n\nA supercalifragilistic expialidocious word.',
  },
];

describe('spelledOutIn', () => {
  let index: CorpusIndex;
  let spelledOut: SpelledOut;
  beforeAll(async () => {
    index = await memoryIndex(ARTICLES);
    spelledOut = spelledOutIn(index);
  });
  const terms = (text: string) => index.lexical.terms(text);
  const one = (word: string) => spelledOut([word]).get(word);

  it('GIVEN an abbreviation the coverage spells out THEN the terms of the name it writes', () => {
    expect(one('GSK')).toEqual(terms('GlaxoSmithKline'));
    // The name written most wins over another with the same initials ("Tip of the Pier").
    expect(one('TOTP')).toEqual(terms('Top Pops'));
  });

  it('GIVEN a compound the coverage writes apart THEN the terms of its two words', () => {
    expect(one('stockmarket')).toEqual(terms('stock market'));
  });

  it('GIVEN a word the coverage writes, or cannot spell out THEN nothing', () => {
    expect(one('website')).toBeUndefined();
    expect(one('XYZ')).toBeUndefined();
    // Two letters stand for too many things.
    expect(one('GS')).toBeUndefined();
    // Both words are in the coverage, but never side by side.
    expect(one('pillshares')).toBeUndefined();
    expect(one('Glaxo')).toBeUndefined();
  });

  it('GIVEN many words never seen before in one question THEN only the first few are looked up', () => {
    const fresh = spelledOutIn(index);
    const madeUp = ['QQA', 'QQB', 'QQC', 'QQD', 'QQE', 'QQF'];
    expect(madeUp.length).toBeGreaterThan(SPELLED_OUT.scansPerQuestion);
    expect(fresh([...madeUp, 'TOTP']).has('TOTP')).toBe(false);
    // Words whose shape rules a look-up out cost nothing, and a word seen before is remembered.
    expect(fresh(['zzq', 'TOTP']).get('TOTP')).toEqual(terms('Top Pops'));
  });

  it('GIVEN a compound longer than any word THEN it is not cut (each cut is two look-ups)', () => {
    // Written apart in the coverage, as "stock market" is, but 34 letters together.
    expect('supercalifragilistic expialidocious'.length - 1).toBeGreaterThan(
      SPELLED_OUT.maxCompound,
    );
    expect(one('supercalifragilisticexpialidocious')).toBeUndefined();
  });
});
