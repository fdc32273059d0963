/**
 * Makes untrusted text (article excerpts, titles, questions) safe to show in Discord
 * markdown. `allowedMentions: { parse: [] }` (see respond.ts) is what stops pings; this
 * module keeps the text from *looking* like a mention and from breaking the quote layout.
 */
import { BIDI_CONTROLS, characterClass } from '../control-characters.js';

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * The bidi controls (control-characters.ts). The fetcher removes them from what it writes
 * (fetch/sanitise.ts); a hand-placed article or a question still has them, so they go here
 * too. Marks (LRM, RLM) stay: they reorder nothing.
 */
const BIDI_CONTROL = characterClass(BIDI_CONTROLS);

/** Characters with a markdown meaning anywhere in a line. Backslash first: it escapes. */
const INLINE_MARKDOWN = /[\\*_~`|[\]<>#]/g;
/** Line starts that would turn into a list item, a heading or subtext (`-#`). */
const LIST_MARKER = /^(\s*)([-+])(?=\s|\\?#)/gm;
const NUMBERED_ITEM = /^(\s*\d+)\.(?=\s)/gm;

/**
 * Escapes Discord markdown so that the text renders literally: bold, italics, code,
 * spoilers, masked links, headings, lists and quote markers all lose their meaning.
 * Discord accepts a backslash before any ASCII punctuation, so escaping never changes what
 * the reader sees.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, (char) => `\\${char}`)
    .replace(LIST_MARKER, (_match, indent: string, marker: string) => `${indent}\\${marker}`)
    .replace(NUMBERED_ITEM, (_match, number: string) => `${number}\\.`);
}

/**
 * Breaks `@everyone`, `@here` and `<@…>`, `<@&…>`, `<#…>` mention syntax with a zero-width
 * space, so that quoted text never even looks like a ping.
 */
export function defuseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(?=[@#/:]|a:|t:)/g, `<${ZERO_WIDTH_SPACE}`);
}

/**
 * Untrusted text made safe for one line of markdown: bidi controls removed, mentions defused,
 * markdown escaped.
 */
export function safeInline(text: string): string {
  return escapeMarkdown(defuseMentions(text.replace(BIDI_CONTROL, '').replace(/\s+/g, ' ').trim()));
}

/** A piece of an excerpt, to be shown in bold or not. */
export interface QuoteSegment {
  readonly text: string;
  readonly bold: boolean;
}

/**
 * Renders untrusted segments as a Discord block quote: every line prefixed with "> ",
 * markdown escaped, mentions defused, bold segments wrapped in `**` line by line (a bold
 * run cannot span lines inside a quote). Blank lines are dropped: an empty "> " line would
 * end the quote in some clients.
 */
export function renderQuote(segments: readonly QuoteSegment[]): string {
  const lines: string[] = [''];
  for (const segment of segments) {
    const parts = segment.text.split(/\r?\n/);
    parts.forEach((part, index) => {
      if (index > 0) lines.push('');
      const last = lines.length - 1;
      lines[last] += segment.bold ? bold(part) : safeText(part);
    });
  }
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => `> ${line}`)
    .join('\n');
}

function safeText(text: string): string {
  return escapeMarkdown(defuseMentions(text.replace(BIDI_CONTROL, '').replace(/[ \t]+/g, ' ')));
}

/** Wraps in `**`, keeping surrounding spaces outside (Discord ignores `** word**`). */
function bold(text: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text);
  const [, lead = '', core = '', trail = ''] = match ?? [];
  if (core === '') return safeText(text);
  return `${safeText(lead)}**${safeText(core)}**${safeText(trail)}`;
}
