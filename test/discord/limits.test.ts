import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncate } from '../../src/discord/limits.js';

describe('truncate', () => {
  it('GIVEN text within the limit THEN it is unchanged', () => {
    expect(truncate('short', 10)).toBe('short');
  });

  it('GIVEN any text and limit THEN the result fits, is a prefix plus "…", and never splits an emoji', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 500, unit: 'binary' }),
        fc.integer({ min: 0, max: 600 }),
        (text, max) => {
          const cut = truncate(text, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          if (text.length <= max) {
            expect(cut).toBe(text);
            return;
          }
          if (max === 0) {
            expect(cut).toBe('');
            return;
          }
          expect(cut.endsWith('…')).toBe(true);
          const kept = cut.slice(0, -1);
          expect(text.startsWith(kept)).toBe(true);
          const last = kept.charCodeAt(kept.length - 1);
          expect(last >= 0xd800 && last <= 0xdbff).toBe(false);
        },
      ),
    );
  });

  it('GIVEN a cut right after a backslash THEN the backslash is dropped so it cannot escape what follows', () => {
    expect(truncate('abc\\*def', 5)).toBe('abc…');
  });

  it('GIVEN a space near the cut THEN it cuts at the word boundary', () => {
    expect(truncate('the quick brown fox', 12)).toBe('the quick…');
  });
});
