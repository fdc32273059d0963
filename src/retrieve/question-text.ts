/**
 * A question as typed, made comparable with the coverage: compatibility forms folded (NFKC:
 * full-width letters, ligatures), invisible format characters removed (a zero-width space
 * pasted from a web page would split or glue words), terminal colour codes and other control
 * characters turned into spaces (a question copied from a coloured terminal, "Vance\x1b[31m",
 * must still find "Vance"), and whitespace collapsed.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .replace(ANSI_ESCAPE, ' ')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\p{Cf}+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** ANSI escape sequences: CSI ("\x1b[31m", "\x1b[2K") and two-character escapes ("\x1bc"). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI_ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-~])/gu;
