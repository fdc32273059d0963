/** Text of a file and the encoding it was read as. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'windows-1252';
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Windows-1252 characters of bytes 0x80–0x9F; every other byte is the Latin-1 code point of
 * the same value. Written out because Node 20's `TextDecoder('windows-1252')` decodes these
 * bytes as Latin-1 control characters (curly quotes would become U+0093/U+0094). The five
 * unassigned bytes keep their code point, as the WHATWG Encoding standard does.
 */
const WINDOWS_1252_HIGH =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/**
 * Decodes file bytes as UTF-8 (a leading byte-order mark is dropped). Bytes that are not valid
 * UTF-8 are most likely an older Western encoding (the BBC corpus has a "£" saved as byte
 * 0xA3), so the whole file is then decoded as Windows-1252; the caller warns about it.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  try {
    return { text: UTF8.decode(bytes), encoding: 'utf-8' };
  } catch (error) {
    // Only the "invalid UTF-8" TypeError means "try the other encoding"; anything else is a bug.
    if (!(error instanceof TypeError)) throw error;
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Decodes Windows-1252, which maps every byte, so it never fails. */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text +=
      byte >= 0x80 && byte <= 0x9f
        ? WINDOWS_1252_HIGH.charAt(byte - 0x80)
        : String.fromCharCode(byte);
  }
  return text;
}

/**
 * Share of control characters above which decoded "text" is taken for binary data. Text
 * has next to none (an article with a stray escape sequence has well under 1%); random bytes
 * without a NUL decode to ~11% (28 of 256 byte values are controls other than white space).
 */
const MAX_CONTROL_SHARE = 0.05;

/**
 * C0 controls other than tab, line feed, vertical tab, form feed and carriage return; DEL.
 * Counted on bytes: in UTF-8 and Windows-1252 alike these bytes are these characters (UTF-8
 * multi-byte sequences never contain a byte below 0x80).
 */
function isControlByte(byte: number): boolean {
  return (byte < 0x20 && (byte < 0x09 || byte > 0x0d)) || byte === 0x7f;
}

/**
 * Why `bytes` do not look like a text file (a picture, a PDF, a UTF-16 file), or undefined
 * when they do. Checked before parsing so that binary data never becomes an "article" with a
 * garbage title.
 */
export function notTextReason(bytes: Uint8Array): string | undefined {
  const utf16 =
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) return 'is UTF-16 text, which is not read; save it as UTF-8';
  if (bytes.includes(0)) {
    return 'is not a text file (it holds NUL bytes); only plain-text .md and .txt articles are read';
  }
  let controls = 0;
  for (const byte of bytes) if (isControlByte(byte)) controls++;
  if (bytes.length > 0 && controls / bytes.length > MAX_CONTROL_SHARE) {
    const percent = Math.round((100 * controls) / bytes.length);
    return `is not a text file (${percent}% of it is control characters); only plain-text .md and .txt articles are read`;
  }
  return undefined;
}
