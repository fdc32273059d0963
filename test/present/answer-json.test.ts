import { describe, expect, it } from 'vitest';
import { jsonLine } from '../../src/present/answer-json.js';

describe('jsonLine', () => {
  it('GIVEN text with line and paragraph separators and C1 controls THEN one line that reads back the same', () => {
    const value = { text: 'a\u2028b\u2029c\u0085d\u009be — “quoted” é\n' };
    const line = jsonLine(value);
    expect(line.split(/[\n\r\u2028\u2029\u0085\v\f]/u)).toHaveLength(1);
    expect(line).toContain('\\u2028');
    expect(line).toContain('— “quoted” é');
    expect(JSON.parse(line)).toEqual(value);
  });
});
