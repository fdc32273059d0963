import { describe, expect, it } from 'vitest';
import { formatAnswerText } from '../../src/present/answer-text.js';
import { formatSourcesText, sourcesSummary } from '../../src/present/sources-text.js';
import type { SourceRef } from '../../src/retrieve/answer-types.js';

const parade: SourceRef = {
  id: 'gazette/parade',
  title: 'Millbrook holds its first zebra parade',
  outlet: 'Example Gazette',
  published: '2031-05-04T09:00:00Z',
};
const undated: SourceRef = { id: '001_959470f9ed73d3c9', title: 'Vance Drops Hint' };

describe('GIVEN the list of sources, newest first', () => {
  it('WHEN shown in the terminal THEN a summary with the total and newest date, then date, outlet — title and id per line', () => {
    expect(formatSourcesText([parade, undated])).toBe(
      [
        '2 articles · coverage as of 2031-05-04',
        '2031-05-04  Example Gazette — Millbrook holds its first zebra parade  [gazette/parade]',
        '—           Vance Drops Hint  [001_959470f9ed73d3c9]',
        '',
      ].join('\n'),
    );
  });

  it('WHEN nothing is dated THEN the summary gives only the total', () => {
    expect(sourcesSummary([undated])).toBe('1 article');
    expect(sourcesSummary([])).toBe('0 articles');
  });
});

describe('GIVEN a terminal answer', () => {
  const answer = {
    question: 'Which town held a zebra parade?',
    answered: true,
    results: [
      {
        text: 'The town of Millbrook held its first zebra parade.',
        score: 1,
        source: parade,
        alsoReportedBy: [],
      },
    ],
  };

  it('WHEN the coverage is dated THEN the answer ends with "(coverage as of …)"', () => {
    const text = formatAnswerText(answer, undefined, { coverageAsOf: '2031-05-04' });
    expect(text.endsWith('\n\n(coverage as of 2031-05-04)\n')).toBe(true);
    expect(
      formatAnswerText({ question: 'Who won?', answered: false, results: [] }, undefined, {
        coverageAsOf: '2031-05-04',
      }),
    ).toBe(
      "The coverage doesn't say. Nothing in the articles answers: Who won?\n(coverage as of 2031-05-04)\n",
    );
  });

  it('WHEN it is not THEN the answer is as before', () => {
    expect(formatAnswerText(answer)).not.toContain('coverage as of');
    expect(formatAnswerText(answer).endsWith('parade.\n')).toBe(true);
  });
});
