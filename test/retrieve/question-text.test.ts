import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../src/retrieve/question-text.js';

describe('normalizeQuestion', () => {
  it('GIVEN full-width letters, a zero-width space and runs of whitespace THEN plain words', () => {
    expect(normalizeQuestion('  Ｖance\u200b  made\n\tconcessions? ')).toBe(
      'Vance made concessions?',
    );
  });

  it('GIVEN terminal colour codes and control characters THEN they separate words and vanish', () => {
    expect(normalizeQuestion('Vance\x1b[1;31mconcessions\x1b[0m\x07 now\x00?')).toBe(
      'Vance concessions now ?',
    );
    expect(normalizeQuestion('\x1bcRubio')).toBe('Rubio');
  });
});
