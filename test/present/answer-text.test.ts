import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/retrieve/answer-types.js';
import { toAnswerJson } from '../../src/present/answer-json.js';
import { ANSI, formatAnswerText } from '../../src/present/answer-text.js';
import { formatSourcesText } from '../../src/present/sources-text.js';
import { terminalSafe } from '../../src/terminal-text.js';

const HOSTILE = 'Prices \u001b[31mROSE\u001b[0m at\u0000 noon\r.\u001b]0;pwned\u0007 \u009b2J';

const answer: Answer = {
  question: 'What \u001b[2Jrose?',
  answered: true,
  results: [
    {
      text: `${HOSTILE} Then they fell.\n\nMore.`,
      highlight: HOSTILE,
      score: 1,
      source: {
        id: 'a\u001b[1m',
        title: 'Markets\u0007',
        outlet: 'The \u001b[5mTimes',
        url: 'https://example.com/\u001b[31m',
        published: '2025-01-02',
      },
      alsoReportedBy: [{ id: 'b', title: 'Other\u0000 paper' }],
    },
  ],
};

// Every control character but tab and line feed (C0, DEL, C1), and the bidi overrides.
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

describe('terminalSafe', () => {
  it('GIVEN colour codes, a title change, NUL, CR and 8-bit CSI THEN only the text is left', () => {
    expect(terminalSafe(HOSTILE)).toBe('Prices ROSE at noon. 2J');
  });

  it('GIVEN a right-to-left override in a title THEN it is removed', () => {
    expect(terminalSafe('Vote\u202e 42-80-5202 \u2067x\u2069 \u200f')).toBe(
      'Vote 42-80-5202 x \u200f',
    );
  });

  it('GIVEN quote layout THEN line feeds and tabs stay', () => {
    expect(terminalSafe('one\n\ntwo\tthree')).toBe('one\n\ntwo\tthree');
  });

  it('PROPERTY: the result holds no control character and clean text is unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(terminalSafe(text)).not.toMatch(ANY_CONTROL);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const clean = text.replace(new RegExp(ANY_CONTROL, 'gu'), '');
        expect(terminalSafe(clean)).toBe(clean);
      }),
    );
  });
});

describe('formatAnswerText', () => {
  it('GIVEN an article with escape sequences THEN the printed answer holds none of them', () => {
    const text = formatAnswerText(answer);
    expect(text).not.toMatch(ANY_CONTROL);
    expect(text).toContain('Prices ROSE at noon.');
    expect(text).toContain('The Times — Markets, 2025-01-02');
    expect(text).toContain('Also reported by: Other paper');
  });

  it('GIVEN ANSI style THEN only its own bold and dim codes reach the terminal', () => {
    const text = formatAnswerText(answer, ANSI);
    // eslint-disable-next-line no-control-regex
    const escapes = text.match(/\u001b\[[0-9;]*m/gu) ?? [];
    expect(new Set(escapes)).toEqual(new Set(['\u001b[1m', '\u001b[2m', '\u001b[22m']));
    // The highlight is still found and emphasised after cleaning.
    expect(text).toContain('\u001b[1mPrices ROSE at noon. 2J\u001b[22m');
  });

  it('GIVEN no answer THEN the echoed question is cleaned too', () => {
    const text = formatAnswerText({ question: answer.question, answered: false, results: [] });
    expect(text).not.toMatch(ANY_CONTROL);
  });

  it('GIVEN --json THEN the quote stays verbatim', () => {
    expect(toAnswerJson(answer).results[0]!.text).toBe(answer.results[0]!.text);
  });
});

describe('formatSourcesText', () => {
  it('GIVEN a title with terminal escapes THEN the listing prints none', () => {
    const text = formatSourcesText([{ id: 'b', title: 'Red \u001b[31malert\u0000' }]);
    expect(text).toBe('1 article\n—           Red alert  [b]\n');
  });
});
