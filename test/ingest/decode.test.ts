import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, notTextReason } from '../../src/ingest/decode.js';

describe('decodeText', () => {
  it('GIVEN valid UTF-8 THEN it is decoded as UTF-8 without the byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('£ “quoted”')]);
    expect(decodeText(bytes)).toEqual({ text: '£ “quoted”', encoding: 'utf-8' });
  });

  it('GIVEN invalid UTF-8 THEN the whole file is decoded as Windows-1252', () => {
    // "£15.8m" and curly quotes as Windows-1252 bytes.
    const bytes = new Uint8Array([
      0xa3, 0x31, 0x35, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x20, 0x80, 0x85,
    ]);
    expect(decodeText(bytes)).toEqual({ text: '£15 “ok” €…', encoding: 'windows-1252' });
  });

  it('GIVEN every byte THEN Windows-1252 maps each to one character, as the standard table does', () => {
    const all = Uint8Array.from({ length: 256 }, (_, byte) => byte);
    const text = decodeWindows1252(all);
    expect(text).toHaveLength(256);
    expect(text.slice(0, 0x80)).toBe(String.fromCharCode(...all.slice(0, 0x80)));
    expect(text.slice(0xa0)).toBe(String.fromCharCode(...all.slice(0xa0)));
    expect(text.slice(0x80, 0xa0)).toBe(
      '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ',
    );
  });
});

describe('notTextReason', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it('GIVEN articles in UTF-8 or Windows-1252, even with a stray escape THEN they are text', () => {
    expect(notTextReason(bytes('Title\n\n“Quoted” £5 — fine.\r\n\tIndented\f'))).toBeUndefined();
    expect(notTextReason(new Uint8Array([0x93, 0x6f, 0x6b, 0x94, 0x0a, 0xa3]))).toBeUndefined();
    expect(
      notTextReason(bytes(`${'A long article. '.repeat(20)}\x1b[31mred\x1b[0m`)),
    ).toBeUndefined();
  });

  it('GIVEN a NUL byte, mostly control bytes or a UTF-16 mark THEN it says why it is not text', () => {
    expect(notTextReason(bytes('Title\0body'))).toMatch(/NUL bytes/);
    expect(notTextReason(new Uint8Array([0x41, 0x01, 0x02, 0x03, 0x42, 0x43]))).toMatch(
      /50% of it is control/,
    );
    expect(notTextReason(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatch(/UTF-16/);
  });
});
