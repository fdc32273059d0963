/**
 * The control characters that untrusted text (articles, web pages, questions) must not carry
 * to a terminal, a Discord message or the archive, named once so that every door removes the
 * same ones. Each is a regex character-class body, to be composed into a class.
 */

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). One in a
 * title reverses the rest of the line it is shown on: in Discord the date, the outlet,
 * "link"; in a terminal that lays out right-to-left text, whatever follows.
 */
export const BIDI_CONTROLS = '\\u202a-\\u202e\\u2066-\\u2069';

/**
 * The bidi marks (ALM U+061C, LRM U+200E, RLM U+200F). They reorder nothing by themselves, so
 * shown text keeps them; the fetcher drops them from what it archives, where they only hide
 * a difference between two equal-looking titles.
 */
export const BIDI_MARKS = '\\u061c\\u200e\\u200f';

/** C0 controls except tab (U+0009) and line feed (U+000A), DEL and the C1 controls. */
export const CONTROLS_BUT_TAB_AND_LINE_FEED = '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f';

/** A global regex that matches any character of the given class bodies. */
export function characterClass(...bodies: readonly string[]): RegExp {
  return new RegExp(`[${bodies.join('')}]`, 'gu');
}
