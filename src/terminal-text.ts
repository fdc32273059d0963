import {
  BIDI_CONTROLS,
  CONTROLS_BUT_TAB_AND_LINE_FEED,
  characterClass,
} from './control-characters.js';

/**
 * Article text is untrusted: a file can hold terminal escape sequences ("\x1b[31m", a cursor
 * move, a window-title change) or NUL bytes, and printing them as is lets an article restyle
 * or rewrite the user's terminal. Everything the CLI prints as text goes through
 * `terminalSafe`, and so does every log line; `--json` keeps quotes verbatim (JSON escapes control characters itself).
 */

/**
 * ANSI/ECMA-48 escape sequences: CSI (`ESC [` … final byte), OSC and the other string
 * commands (`ESC ]`, `ESC P`, `ESC X`, `ESC ^`, `ESC _` … BEL or ST), then any other
 * two-character `ESC x`. The 8-bit CSI (U+009B) is a C1 control and goes with the rest.
 */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\s\S]?)/gu;

/** C0 controls except tab and line feed, DEL, C1 controls, and the bidi controls. */
const CONTROL = characterClass(CONTROLS_BUT_TAB_AND_LINE_FEED, BIDI_CONTROLS);

/**
 * `text` without escape sequences and control characters (bidi overrides included), keeping line feeds and tabs (the
 * layout of a quote). Carriage returns go too: one would move the cursor back over the line.
 */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}
