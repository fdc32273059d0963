import { cleanArticleText } from '../ingest/clean.js';

/**
 * Cleaning of fetched text: the archive's own boilerplate cleaner (`src/ingest/clean.ts`,
 * the same one ingest applies) after a few rules for furniture that leaks through
 * Readability on real pages — WordPress/Jetpack "Share this:", "Like this:", "Related"
 * blocks, "Loading…" placeholders, and the "(function() {…" of inline widgets.
 */

/** A paragraph that ends the article: what follows is page furniture. */
const END_OF_BODY: readonly RegExp[] = [
  /^(share this|like this|related|more stories|more news|latest news|trending( now)?|popular( posts)?)\s*[:.…]*$/i,
  /^(comments|discussion)\s*(\(\d+\))?\s*$/i,
  /^(leave|post|add|write) a (reply|comment)\b/i,
];

/** A paragraph that is page furniture wherever it appears. */
const FURNITURE: readonly RegExp[] = [
  /^(read more|continue reading)\s*(»|›|→|\.\.\.|…)?$/i,
  /^loading\s*(\.\.\.|…)?$/i,
  /^(like|liked by)\s*\d*\s*(bloggers?|people)?\s*(like this\.?)?$/i,
  /^(posted|filed) (in|under):?\s.{0,120}$/i,
  /^tags?:\s.{0,200}$/i,
  // A local paper's call for tips under the story ("Do you have a story for us? Email …").
  /^(do you have|have you got|got) a (story|news tip)\b.{0,200}$/i,
];

/** Cleans fetched paragraphs into an article body ("" when no text remains). */
export function cleanFetchedText(paragraphs: readonly string[]): string {
  const kept: string[] = [];
  for (const paragraph of paragraphs) {
    const text = paragraph.trim();
    if (text.length <= 200) {
      if (END_OF_BODY.some((rule) => rule.test(text))) break;
      if (FURNITURE.some((rule) => rule.test(text))) continue;
    }
    kept.push(text);
  }
  return cleanArticleText(kept.join('\n\n'));
}
