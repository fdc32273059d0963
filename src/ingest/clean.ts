/**
 * Cleaning of a scraped article body: Unicode and whitespace normalisation, removal of the
 * page furniture that scrapers pick up around the reporting (navigation, comment forms,
 * syndication footers, share buttons), and nothing else. Every word of the reporting is kept
 * verbatim, because excerpts are later quoted from this text.
 */

/** Horizontal white space, including no-break and typographic spaces, but not line breaks. */
const HORIZONTAL_SPACE = /[\t\v\f \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
/**
 * Invisible characters that only get in the way of matching and quoting: zero-width space,
 * word joiner, stray byte-order marks, soft hyphens. Zero-width (non-)joiners stay: they
 * change how some scripts and emoji are written.
 */
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD]/g;
/** Line and paragraph separators other than "\n". */
const LINE_BREAK = /\r\n?|[\u0085\u2028\u2029]/g;

/**
 * Paragraphs that mark the end of the article body on a scraped page (WordPress-style
 * footers). The paragraph and everything after it is page furniture: author boxes, comment
 * forms, "related posts" lists, navigation.
 */
const END_OF_BODY: readonly RegExp[] = [
  // "The post <headline> appeared first on <site>." — RSS syndication footer.
  /^the post\b.{1,400}\bappeared first on\b.{1,200}$/i,
  // "Previous articleTrump's …" / "Next article: …" — post navigation, often glued to the
  // linked headline, so the word is followed by a capital, a colon, a spaced dash or nothing
  // (but not "Next post-season game…").
  // (No /i flag: under /iu, \p{Lu} would match lower case too.)
  /^([Pp]revious|PREVIOUS|[Nn]ext|NEXT)\s*([Aa]rticle|ARTICLE|[Pp]ost|POST|[Ss]tory|STORY)(\p{Lu}|\s*:|\s+[»›>|–—-]|\s*$|\s+\p{Lu})/u,
  // Comment form headings.
  /^(leave|post|add|write) a (reply|comment)\b.{0,40}$/i,
  /^\d* ?(comments?|responses?|replies)\s*:?$/i,
  // Author box heading.
  /^about (the )?author\b.{0,60}$/i,
  // "Related posts", "You may also like", "More from …" link lists.
  /^(related (posts?|articles?|stories|news)|you (may|might) also like|more from\b.{0,40}|recommended for you|read next)\s*:?$/i,
];

/**
 * Single paragraphs that are page furniture wherever they appear. Each rule matches the whole
 * paragraph, so a sentence of reporting that merely starts with "Share" or "Subscribe" is kept.
 */
const FURNITURE: readonly RegExp[] = [
  // Comment form fine print.
  /^your email address will not be published\b.{0,120}$/i,
  /^required fields are marked\b.{0,20}$/i,
  /^(save my name, email, and website|notify me of (new|follow-up) (comments|posts))\b.{0,120}$/i,
  /^cancel reply$/i,
  // Share rows: nothing but network names, "share"/"tweet" verbs and separators. The space
  // after a name is matched one way only ("(\s*sep)?\s*", not "\s*sep?\s*", which could give
  // it to either "\s*"): with two ways per name, a 60-word paragraph of "twitter twitter …!"
  // that is no share row took 7 s to reject; now milliseconds.
  /^((share|tweet|pin|email|e-mail|print|copy link|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|flipboard|messenger)(\s+(this|on|via|to)\b)?(\s+(article|story|post|page|facebook|twitter|x|linkedin|whatsapp|email))?(\s*[|·•,:/-])?\s*){1,12}$/i,
  // Calls to subscribe/follow: short, and about a newsletter, feed or social account.
  /^(subscribe|sign up|follow us|join us|get (our|the latest)|click here)\b.{0,120}\b(newsletter|updates|alerts|channel|inbox|podcast|youtube|facebook|twitter|instagram|telegram|notifications?|free)\b.{0,60}$/i,
  /^(click here|tap here)\b.{0,80}$/i,
  // Ad slots and link labels.
  /^(advertisement|sponsored( content)?|ad|story continues below( advertisement)?|continue reading( below)?)$/i,
  /^(read more|see also|related|also read|watch)\s*:.{0,200}$/i,
];

/** A line ending that suggests the sentence goes on in the next line (a hard wrap). */
const OPEN_LINE_END = /[\p{L}\p{N},;]$/u;
/** A line start that continues a sentence: a lower-case letter. */
const CONTINUATION_START = /^\p{Ll}/u;

/**
 * Exact repeats shorter than this many words are kept: a repeated one-word answer ("No.")
 * can be reporting, while a repeated long paragraph is a scraping artefact.
 */
const MIN_WORDS_OF_DROPPED_REPEAT = 6;

/**
 * Page furniture is short. Longer paragraphs are never tested against the rules, so a long
 * paragraph of reporting can never be mistaken for furniture (and cleaning stays fast).
 */
const MAX_WORDS_OF_FURNITURE = 60;

/**
 * Cleans a scraped article body.
 *
 * - Unicode NFC; CR/LF and Unicode line separators become "\n"; no-break and other spaces
 *   become one ASCII space; invisible characters (zero-width, soft hyphen, BOM) are removed.
 * - A paragraph is a non-empty line. A line that ends mid-sentence and is followed by one that
 *   starts in lower case is a hard wrap and is joined with a space. Paragraphs are trimmed
 *   and joined by "\n\n".
 * - Page furniture is removed by paragraph: an end-of-body marker (syndication footer, post
 *   navigation, comment form, author box, related links) drops itself and everything after it;
 *   share rows, subscribe prompts and comment-form fine print are dropped wherever they are.
 * - An exact repeat of an earlier paragraph (at least six words) is dropped: scrapers
 *   sometimes capture a block twice.
 *
 * Pure; returns "" when nothing of the body remains.
 */
export function cleanArticleText(raw: string): string {
  const lines = raw
    .normalize('NFC')
    .replace(LINE_BREAK, '\n')
    .replace(INVISIBLE, '')
    .replace(HORIZONTAL_SPACE, ' ')
    .split('\n')
    .map((line) => line.trim());

  const paragraphs = joinHardWraps(lines);
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const paragraph of paragraphs) {
    const words = countWords(paragraph);
    if (words <= MAX_WORDS_OF_FURNITURE) {
      if (END_OF_BODY.some((rule) => rule.test(paragraph))) break;
      if (FURNITURE.some((rule) => rule.test(paragraph))) continue;
    }
    if (seen.has(paragraph)) continue;
    if (words >= MIN_WORDS_OF_DROPPED_REPEAT) seen.add(paragraph);
    kept.push(paragraph);
  }
  return kept.join('\n\n');
}

/** Groups trimmed lines into paragraphs: one per non-empty line, hard wraps joined. */
function joinHardWraps(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let previousLineWasEmpty = true;
  for (const line of lines) {
    if (line === '') {
      previousLineWasEmpty = true;
      continue;
    }
    const last = paragraphs.at(-1);
    if (
      !previousLineWasEmpty &&
      last !== undefined &&
      OPEN_LINE_END.test(last) &&
      CONTINUATION_START.test(line)
    ) {
      paragraphs[paragraphs.length - 1] = `${last} ${line}`;
    } else {
      paragraphs.push(line);
    }
    previousLineWasEmpty = false;
  }
  return paragraphs;
}

/** Number of white-space separated words in `text`. */
export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Only the white space that survives cleaning: space and line breaks (and tabs, for
    // callers that count raw text).
    const space = code === 32 || code === 10 || code === 9 || code === 13;
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}
