/**
 * The one door for everything the fetcher writes into the archive. Whatever a web page or a
 * feed says goes through here before it reaches a file: text is normalised (NFC), control
 * characters and bidirectional overrides (which can disguise text in Discord) are removed,
 * one-line fields are one line and bounded, URLs are http(s) and dates are ISO 8601.
 */
import { isCalendarDay } from '../calendar-day.js';
import {
  BIDI_CONTROLS,
  BIDI_MARKS,
  CONTROLS_BUT_TAB_AND_LINE_FEED,
  characterClass,
} from '../control-characters.js';

/** Control characters other than tab and newline, and the Unicode bidi controls and marks. */
const UNSAFE = characterClass(CONTROLS_BUT_TAB_AND_LINE_FEED, BIDI_CONTROLS, BIDI_MARKS);

/** Longest one-line field kept, in characters: longer ones are not titles or names. */
const MAX_FIELD = { title: 300, outlet: 120, author: 200 } as const;
const MAX_URL = 2_048;

/** A one-line field (title, outlet, author): undefined when nothing is left. */
export function sanitiseField(
  value: string | undefined,
  field: keyof typeof MAX_FIELD,
): string | undefined {
  if (value === undefined) return undefined;
  // Whitespace first, so that a carriage return or form feed between two words stays a space.
  const text = value
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(UNSAFE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  if (text === '') return undefined;
  return text.length > MAX_FIELD[field]
    ? `${text.slice(0, MAX_FIELD[field] - 1).trimEnd()}…`
    : text;
}

/** Body text: paragraphs kept, unsafe characters removed. */
export function sanitiseBody(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNSAFE, '');
}

/** An http(s) URL, or undefined. */
export function sanitiseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.replace(UNSAFE, '').trim();
  if (text.length > MAX_URL || !URL.canParse(text)) return undefined;
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.href;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A stated date as ISO 8601: an ISO date is kept as written (its own time zone); another
 * form the feed states (RFC 822 in RSS: "Tue, 19 Aug 2025 14:03:00 +0000") is converted to
 * UTC. Undefined when the text is not a date.
 */
export function sanitiseDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (ISO_DATE.test(text)) {
    // Date.parse rolls 2025-02-30 over to March.
    const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
    return isCalendarDay(year, month, day) &&
      !Number.isNaN(Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text))
      ? text
      : undefined;
  }
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) return undefined;
  const year = new Date(parsed).getUTCFullYear();
  // Date.parse accepts odd things ("1", "March"); a news date is in this range.
  if (year < 1900 || year > 2200) return undefined;
  return new Date(parsed).toISOString().replace('.000Z', 'Z');
}
