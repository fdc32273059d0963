import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanArticleText, countWords } from '../../src/ingest/clean.js';
import type { Passage } from '../../src/ingest/passage.js';
import {
  DEFAULT_PASSAGE_OPTIONS,
  splitIntoPassages,
  type PassageOptions,
} from '../../src/ingest/passages.js';
import { splitSentences } from '../../src/ingest/sentences.js';
import { bbcBody, bbcSample, seedIds, seedText } from './corpus.js';

/** The offset invariants every passage split must keep. */
function expectPassageInvariants(text: string, passages: readonly Passage[], id = 'a'): void {
  const sentences = splitSentences(text);
  const covered = new Set<string>();
  passages.forEach((passage, index) => {
    expect(passage.id).toBe(`${id}#${index}`);
    expect(passage.articleId).toBe(id);
    expect(passage.index).toBe(index);
    expect(passage.text).toBe(text.slice(passage.start, passage.end));
    expect(passage.sentences.length).toBeGreaterThan(0);
    expect(passage.sentences[0]?.[0]).toBe(passage.start);
    expect(passage.sentences.at(-1)?.[1]).toBe(passage.end);
    let previousEnd = passage.start;
    for (const [start, end] of passage.sentences) {
      expect(start).toBeGreaterThanOrEqual(previousEnd);
      expect(end).toBeLessThanOrEqual(passage.end);
      previousEnd = end;
      covered.add(`${start}:${end}`);
    }
    // Passages advance: each starts after the one before and ends later.
    const before = passages[index - 1];
    if (before !== undefined) {
      expect(passage.start).toBeGreaterThan(before.start);
      expect(passage.end).toBeGreaterThan(before.end);
    }
  });
  // Every sentence of the article is in some passage, with the very same span.
  expect(covered).toEqual(new Set(sentences.map(([start, end]) => `${start}:${end}`)));
}

/** A sentence of `words` words, capitalised so that it starts a new sentence. */
const sentence = (words: number, tag: string) =>
  `X${Array.from({ length: words - 1 }, (_, k) => `${tag}${k}`).join(' ')} end.`;

describe('splitIntoPassages', () => {
  it('GIVEN the defaults THEN they are 40–120 words with one sentence of overlap', () => {
    expect(DEFAULT_PASSAGE_OPTIONS).toEqual({ minWords: 40, maxWords: 120, overlapSentences: 1 });
  });

  it('GIVEN 10-word sentences THEN passages fill up to maxWords AND overlap by one sentence', () => {
    const text = Array.from({ length: 10 }, (_, k) => sentence(10, `s${k}w`)).join(' ');
    const passages = splitIntoPassages(
      { id: 'a', text },
      { minWords: 5, maxWords: 30, overlapSentences: 1 },
    );
    expect(passages.map((passage) => passage.sentences.length)).toEqual([3, 3, 3, 3, 2]);
    // The last sentence of a passage is the first of the next.
    for (let k = 1; k < passages.length; k++) {
      expect(passages[k]?.sentences[0]).toEqual(passages[k - 1]?.sentences.at(-1));
    }
    expectPassageInvariants(text, passages);
  });

  it('GIVEN a sentence longer than maxWords THEN it is a passage of its own, never split', () => {
    const long = sentence(50, 'long');
    const text = `${sentence(10, 'a')} ${long} ${sentence(10, 'b')} ${sentence(10, 'c')}`;
    const passages = splitIntoPassages(
      { id: 'a', text },
      { minWords: 5, maxWords: 30, overlapSentences: 1 },
    );
    expect(passages.map((passage) => passage.text)).toContain(long);
    for (const passage of passages) {
      if (passage.text.includes('long1')) expect(passage.text).toBe(long);
    }
    expectPassageInvariants(text, passages);
  });

  it('GIVEN a short last passage THEN it merges into the one before', () => {
    // 3 + 3 sentences of 10 words, then one of 5: the tail (overlap + 5 words) is under 20.
    const text = [
      ...Array.from({ length: 5 }, (_, k) => sentence(10, `s${k}w`)),
      sentence(5, 't'),
    ].join(' ');
    const passages = splitIntoPassages(
      { id: 'a', text },
      { minWords: 20, maxWords: 30, overlapSentences: 1 },
    );
    expect(passages).toHaveLength(2);
    expect(passages[1]?.text.endsWith(sentence(5, 't'))).toBe(true);
    expectPassageInvariants(text, passages);
  });

  it('GIVEN no overlap THEN passages share no sentence', () => {
    const text = Array.from({ length: 9 }, (_, k) => sentence(10, `s${k}w`)).join('\n\n');
    const passages = splitIntoPassages(
      { id: 'a', text },
      { minWords: 0, maxWords: 30, overlapSentences: 0 },
    );
    expect(passages.map((passage) => passage.sentences.length)).toEqual([3, 3, 3]);
    expectPassageInvariants(text, passages);
  });

  it('GIVEN an empty text THEN no passages; GIVEN one sentence THEN one passage', () => {
    expect(splitIntoPassages({ id: 'a', text: '' })).toEqual([]);
    const passages = splitIntoPassages({ id: 'a', text: 'Only this.' });
    expect(passages).toEqual([
      {
        id: 'a#0',
        articleId: 'a',
        index: 0,
        start: 0,
        end: 10,
        text: 'Only this.',
        sentences: [[0, 10]],
      },
    ]);
  });

  it('GIVEN invalid options THEN it fails early with the option named', () => {
    const article = { id: 'a', text: 'One. Two.' };
    expect(() =>
      splitIntoPassages(article, { minWords: 50, maxWords: 10, overlapSentences: 1 }),
    ).toThrow(/minWords/);
    expect(() =>
      splitIntoPassages(article, { minWords: 1, maxWords: 0, overlapSentences: 1 }),
    ).toThrow(/maxWords/);
    expect(() =>
      splitIntoPassages(article, { minWords: 1, maxWords: 10, overlapSentences: 0.5 }),
    ).toThrow(/whole numbers/);
  });

  it('GIVEN the seed articles THEN passages are 40–120 words of whole sentences', () => {
    for (const id of seedIds) {
      const text = cleanArticleText(seedText(id));
      const passages = splitIntoPassages({ id, text });
      expect(passages.length, id).toBeGreaterThan(2);
      for (const passage of passages) {
        const words = countWords(passage.text);
        expect(words, passage.id).toBeLessThanOrEqual(120 + 40);
        expect(words, passage.id).toBeGreaterThanOrEqual(40);
      }
      expectPassageInvariants(text, passages, id);
    }
  });

  const options = fc
    .record({
      minWords: fc.integer({ min: 0, max: 60 }),
      extra: fc.integer({ min: 0, max: 100 }),
      overlapSentences: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ minWords, extra, overlapSentences }): PassageOptions => ({
      minWords,
      maxWords: Math.max(1, minWords + extra),
      overlapSentences,
    }));

  it('PROPERTY: on random texts every passage is its slice, and every sentence is covered', () => {
    const word = fc.constantFrom(
      'U.S.',
      'Mr.',
      'said',
      'the',
      'Vance',
      '“Why?”',
      'he',
      'it.',
      'No.',
      '5',
      '…',
    );
    const sentenceText = fc
      .array(word, { minLength: 1, maxLength: 40 })
      .map((words) => `${words.join(' ')}.`);
    const text = fc
      .array(fc.tuple(sentenceText, fc.constantFrom(' ', '  ', '\n', '\n\n')), { maxLength: 40 })
      .map((parts) => parts.map(([s, gap]) => s + gap).join(''));
    fc.assert(
      fc.property(text, options, (articleText, passageOptions) => {
        const text = cleanArticleText(articleText);
        expectPassageInvariants(text, splitIntoPassages({ id: 'a', text }, passageOptions));
      }),
      { numRuns: 300 },
    );
  });

  it.skipIf(bbcSample.length === 0)(
    'PROPERTY: on BBC articles with any options every passage is its slice, and every sentence is covered',
    () => {
      const texts = bbcSample.map((file) => cleanArticleText(bbcBody(file)));
      fc.assert(
        fc.property(fc.constantFrom(...texts), options, (text, passageOptions) => {
          expectPassageInvariants(text, splitIntoPassages({ id: 'a', text }, passageOptions));
        }),
        { numRuns: 200 },
      );
    },
  );
});
