import { describe, expect, it } from 'vitest';
import { withoutSilentDates } from '../../src/retrieve/question-dates.js';
import type { CorpusIndex } from '../../src/store/corpus-index.js';

/** Just what the years need of an index: its articles' dates and its texts' years. */
const coverage = (dates: (string | undefined)[], textYears: string[]): CorpusIndex =>
  ({
    articles: new Map(dates.map((published, i) => [`a${i}`, { id: `a${i}`, published }])),
    lexical: {
      terms: (text: string) => [text.toLowerCase()],
      documentFrequency: (term: string) => (textYears.includes(term) ? 3 : 0),
    },
  }) as unknown as CorpusIndex;

describe('withoutSilentDates', () => {
  it('GIVEN coverage that states no year at all THEN every year is left out', () => {
    expect(withoutSilentDates(coverage([undefined], []), 'What did Vance say in 2025?')).toBe(
      'What did Vance say in ?',
    );
  });

  it('GIVEN a year only in the articles’ dates THEN it is left out; one the texts give stays', () => {
    const dated = coverage(['2025-09-03T10:00:00Z', '2025-09-04'], ['2024']);
    expect(withoutSilentDates(dated, 'Which homes were approved in 2025?')).toBe(
      'Which homes were approved in ?',
    );
    expect(withoutSilentDates(dated, 'What was built in 2024?')).toBe('What was built in 2024?');
  });

  it('GIVEN a year the coverage neither dates nor writes THEN it stays (the gate reads it)', () => {
    const bbc = coverage([undefined], ['2004', '2005']);
    expect(withoutSilentDates(bbc, 'Who won Eurovision in 2023?')).toBe(
      'Who won Eurovision in 2023?',
    );
    expect(withoutSilentDates(bbc, 'Who won the 2005 Ashes?')).toBe('Who won the 2005 Ashes?');
  });

  it('GIVEN a month or weekday the texts never write THEN it is left out; one they write stays', () => {
    const undated = coverage([undefined], ['sunday', 'march']);
    expect(withoutSilentDates(undated, 'What did Vance say in August?')).toBe(
      'What did Vance say in ?',
    );
    expect(withoutSilentDates(undated, 'What aired on Sunday in March?')).toBe(
      'What aired on Sunday in March?',
    );
    expect(withoutSilentDates(undated, 'What did May say?')).toBe('What did May say?');
  });

  it('GIVEN numbers that are not years THEN they stay', () => {
    expect(withoutSilentDates(coverage([], []), 'Did 140 homes or 2,500 cars pass 20255?')).toBe(
      'Did 140 homes or 2,500 cars pass 20255?',
    );
  });
});
