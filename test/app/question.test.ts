import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUESTION_CHARS } from '../../src/app/coverage.js';
import { checkQuestion, questionProblem } from '../../src/app/question.js';

describe('checkQuestion', () => {
  it('GIVEN blank text THEN empty; GIVEN too long THEN its length', () => {
    expect(checkQuestion(' \n\t ')).toEqual({ ok: false, problem: 'empty' });
    // Zero-width spaces, a bidi override, NUL and an escape: nothing a reader can see.
    expect(checkQuestion('\u200b \u200b\u202e\u0000\u001b\u00ad')).toEqual({
      ok: false,
      problem: 'empty',
    });
    expect(checkQuestion('\u200b?')).toEqual({ ok: true, question: '\u200b?' });
    const long = checkQuestion('x'.repeat(MAX_QUESTION_CHARS + 1));
    expect(long).toEqual({ ok: false, problem: 'too-long', length: MAX_QUESTION_CHARS + 1 });
    expect(questionProblem(long as Exclude<typeof long, { ok: true }>)).toMatch(/501.*500/);
  });

  it('GIVEN spaced-out text THEN white space collapsed and trimmed', () => {
    expect(checkQuestion('  What \n  happened? ')).toEqual({
      ok: true,
      question: 'What happened?',
    });
  });

  it('PROPERTY: an accepted question is trimmed, single-spaced, and within the limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 700 }), (raw) => {
        const check = checkQuestion(raw);
        if (!check.ok) return;
        expect(check.question).toBe(check.question.trim());
        expect(check.question).not.toMatch(/\s\s/u);
        expect(check.question.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
      }),
    );
  });
});
