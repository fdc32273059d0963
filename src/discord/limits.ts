/**
 * Discord's message limits, and the one truncation helper every piece of text goes through.
 * Discord rejects (HTTP 400) a message that breaks any of these, so the bot would answer
 * nothing at all: every builder fits its text to them before sending.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const DISCORD_LIMITS = Object.freeze({
  content: 2_000,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFooter: 2_048,
  embedAuthor: 256,
  fieldName: 256,
  fieldValue: 1_024,
  fields: 25,
  /** Sum of titles, descriptions, field names and values, footers and author names. */
  embedsTotal: 6_000,
  embeds: 10,
  customId: 100,
  buttonLabel: 80,
  choiceName: 100,
  choiceValue: 100,
  choices: 25,
});

const ELLIPSIS = '…';

/**
 * Shortens `text` to at most `max` UTF-16 code units, ending in "…" when cut. It prefers to
 * cut at a word boundary near the end, never splits a surrogate pair, and never leaves a
 * lone trailing backslash (which would escape the ellipsis, or a character added after it).
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  let end = max - ELLIPSIS.length;
  // Do not split a surrogate pair (an emoji or a rare CJK character).
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  // Prefer a word boundary when one is close; a long word is cut where it must be.
  const space = text.lastIndexOf(' ', end);
  if (space > 0 && end - space <= 20) end = space;
  let cut = text.slice(0, end).trimEnd();
  cut = dropDanglingBackslash(cut);
  return cut + ELLIPSIS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** An odd run of trailing backslashes means the last one escapes whatever comes next. */
function dropDanglingBackslash(text: string): string {
  let run = 0;
  while (run < text.length && text[text.length - 1 - run] === '\\') run += 1;
  return run % 2 === 1 ? text.slice(0, -1) : text;
}

/** A minimal embed shape: the fields whose text counts toward Discord's limits. */
export interface CountedEmbed {
  readonly title?: string;
  readonly description?: string;
  readonly footer?: { readonly text: string };
  readonly author?: { readonly name: string };
  readonly fields?: readonly { readonly name: string; readonly value: string }[];
}

/** Characters of `embed` that count toward the 6,000-character total of a message. */
export function embedLength(embed: CountedEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}
