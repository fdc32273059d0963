/**
 * A page's title without the site's name around it. `<title>` and often `og:title` read
 * "Headline | Ashcombe Courier" or "Ashcombe Courier :: News :: Headline"; the outlet is a
 * field of its own, and in the title it would be quoted as if it were the headline. Only
 * words the page states are kept: a part of the title that the page also gives as its
 * headline (an `<h1>`), or the title less a part that is the outlet's stated name.
 */

/** Separators between a headline and the site or section names in a title. */
const SEPARATOR = /(\s+(?:[|–—·»]|::|-|:)\s+)/;

/**
 * A headline found in the title must keep more than this share of its words: a site whose
 * `<h1>` is its logo ("Ashcombe Courier") must not make the logo the title.
 */
const MIN_HEADLINE_SHARE = 0.5;

export interface TitleContext {
  /** Names the page or feed states for the outlet (og:site_name, publisher, feed title). */
  readonly siteNames: readonly (string | undefined)[];
  /** Headlines the page states apart from its title (`<h1>` texts, Readability's title). */
  readonly headlines: readonly string[];
}

/** `title` without the site name: unchanged when no part of it is recognisably one. Pure. */
export function withoutSiteName(title: string, context: TitleContext): string {
  const parts = title.split(SEPARATOR);
  // Odd indexes are separators; a title without one has nothing to take off.
  if (parts.length < 3) return title;
  const words = countWords(title);
  const sites = new Set(context.siteNames.filter((name) => name !== undefined).map(normalise));
  const headlines = new Set(
    context.headlines.map(normalise).filter((headline) => !sites.has(headline)),
  );
  // The longest run of parts that the page gives as its headline.
  let best: string | undefined;
  for (let start = 0; start < parts.length; start += 2) {
    for (let end = parts.length; end > start; end -= 2) {
      const run = parts.slice(start, end).join('');
      if (start === 0 && end === parts.length) continue;
      if (!headlines.has(normalise(run)) || countWords(run) <= words * MIN_HEADLINE_SHARE) continue;
      if (best === undefined || run.length > best.length) best = run;
    }
  }
  if (best !== undefined) return best;
  // Else the outlet's name as the first or last part.
  if (sites.has(normalise(parts.at(-1)!))) return parts.slice(0, -2).join('');
  if (sites.has(normalise(parts[0]!))) return parts.slice(2).join('');
  return title;
}

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
