import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutExcerpt, ELLIPSIS, verbatimPieces } from '../../src/retrieve/excerpt.js';
import type { Span } from '../../src/ingest/passage.js';

/** Sentence spans of a text built from sentences joined by spaces / paragraph breaks. */
function layout(sentences: readonly string[], breaks: readonly boolean[]) {
  let text = '';
  const spans: Span[] = [];
  sentences.forEach((sentence, i) => {
    if (i > 0) text += breaks[i] ? '\n\n' : ' ';
    spans.push([text.length, text.length + sentence.length]);
    text += sentence;
  });
  return { text, spans };
}

const sentence = fc
  .array(fc.stringMatching(/^[A-Za-z“”’,]{1,12}$/), { minLength: 1, maxLength: 40 })
  .map((words) => `${words.join(' ')}.`);

describe('cutExcerpt', () => {
  it('GIVEN any passage THEN the excerpt is verbatim, bounded, and contains its highlight', () => {
    fc.assert(
      fc.property(
        fc.array(sentence, { minLength: 1, maxLength: 8 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 40, max: 500 }),
        (sentences, breaks, pick, max) => {
          const { text, spans } = layout(sentences, breaks);
          const best = pick % spans.length;
          const excerpt = cutExcerpt(text, spans, best, max);
          expect(excerpt.end - excerpt.start).toBeLessThanOrEqual(max);
          expect(text.slice(excerpt.start, excerpt.end)).toBe(
            excerpt.text.replace(new RegExp(`^${ELLIPSIS}|${ELLIPSIS}$`, 'gu'), ''),
          );
          for (const piece of verbatimPieces(excerpt.text)) expect(text).toContain(piece);
          expect(excerpt.text).toContain(excerpt.highlight);
          expect(excerpt.highlight.length).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('GIVEN room THEN it keeps whole neighbouring sentences and marks cuts inside a paragraph', () => {
    const { text, spans } = layout(['One two.', 'Three four.', 'Five six.', 'Seven.'], []);
    const excerpt = cutExcerpt(text, spans, 1, 22);
    expect(excerpt.text).toBe('…Three four. Five six.…');
    expect(excerpt.highlight).toBe('Three four.');
  });

  it('GIVEN a whole paragraph fits THEN no ellipsis is added', () => {
    const { text, spans } = layout(['Alpha beta.', 'Gamma.', 'Delta.'], [false, false, true]);
    expect(cutExcerpt(text, spans.slice(0, 2), 0, 400).text).toBe('Alpha beta. Gamma.');
  });

  it('GIVEN a sentence longer than the budget THEN it is cut at a word boundary', () => {
    const long = `${'word '.repeat(100).trim()}.`;
    const excerpt = cutExcerpt(long, [[0, long.length]], 0, 50);
    expect(excerpt.text.endsWith(`word${ELLIPSIS}`)).toBe(true);
    expect(excerpt.end - excerpt.start).toBeLessThanOrEqual(50);
  });

  it('GIVEN a list whose second item is the best sentence THEN neither quote nor highlight starts with a bullet', () => {
    const { text, spans } = layout(
      ['• Vance urges talks.', '• Trump could abandon talks.', '• Officials are frustrated.'],
      [false, true, true],
    );
    const excerpt = cutExcerpt(text, spans, 1, 400);
    expect(excerpt.text.startsWith('Vance urges talks.')).toBe(true);
    expect(excerpt.highlight).toBe('Trump could abandon talks.');
  });
});
