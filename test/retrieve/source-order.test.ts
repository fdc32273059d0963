import { describe, expect, it } from 'vitest';
import type { SourceRef } from '../../src/retrieve/answer-types.js';
import { coverageAsOf, newestFirst } from '../../src/retrieve/source-order.js';

const undated: SourceRef = { id: 'u', title: 'Undated story' };
const august: SourceRef = { id: 'a', title: 'August story', published: '2025-08-24' };
const augustLate: SourceRef = {
  id: 'b',
  title: 'Another August story',
  published: '2025-08-24T18:30:00Z',
};
// Earlier in absolute time than its string suggests (UTC-10 is 2025-08-25T04:00Z).
const offset: SourceRef = {
  id: 'o',
  title: 'Offset story',
  published: '2025-08-24T18:00:00-10:00',
};
const july: SourceRef = { id: 'j', title: 'July story', published: '2025-07-01' };

describe('GIVEN articles with and without dates', () => {
  it('WHEN ordered THEN the newest comes first by instant, undated last, ties by title', () => {
    const sameDay: SourceRef = { id: 'c', title: 'Aardvark story', published: '2025-08-24' };
    expect(
      newestFirst([undated, july, august, offset, augustLate, sameDay]).map((s) => s.id),
    ).toEqual(['o', 'b', 'c', 'a', 'j', 'u']);
  });

  it('WHEN asked how current the coverage is THEN it is the stated date of the newest article', () => {
    expect(coverageAsOf([july, august, undated])).toBe('2025-08-24');
    expect(coverageAsOf([july, offset, augustLate])).toBe('2025-08-24');
  });

  it('WHEN no article states a date THEN how current it is stays unknown', () => {
    expect(coverageAsOf([undated])).toBeUndefined();
    expect(coverageAsOf([])).toBeUndefined();
  });
});
