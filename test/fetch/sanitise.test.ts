import { describe, expect, it } from 'vitest';
import { sanitiseBody, sanitiseField, sanitiseUrl } from '../../src/fetch/sanitise.js';

describe('sanitiseField', () => {
  it('removes control characters, bidi controls and bidi marks', () => {
    expect(sanitiseField('Mayor\u0007 \u202equits\u202c \u200ftoday\u0000', 'title')).toBe(
      'Mayor quits today',
    );
  });

  it('keeps a carriage return, form feed or line break between two words a space', () => {
    expect(sanitiseField('Storm\rhits\fthe\ncoast', 'title')).toBe('Storm hits the coast');
  });

  it('bounds a one-line field and leaves nothing as undefined', () => {
    expect(sanitiseField('x'.repeat(500), 'title')).toHaveLength(300);
    expect(sanitiseField('\u202e\u0001 ', 'outlet')).toBeUndefined();
  });
});

describe('sanitiseBody', () => {
  it('keeps paragraphs and tabs, drops the other controls', () => {
    expect(sanitiseBody('One.\r\n\r\nTwo\u202e.\tThree\u001b.')).toBe('One.\n\nTwo.\tThree.');
  });
});

describe('sanitiseUrl', () => {
  it('takes an http(s) address without hidden characters, and nothing else', () => {
    expect(sanitiseUrl(' https://example.org/a\u200e ')).toBe('https://example.org/a');
    expect(sanitiseUrl('javascript:alert(1)')).toBeUndefined();
  });
});
