import type { Answer } from '../retrieve/answer-types.js';

/** An answer kept so that "More" can page through it without asking again. */
export interface StoredAnswer {
  readonly answer: Answer;
  /** Only this user may page (the buttons edit their reply). */
  readonly askerId: string;
  readonly pageSize: number;
  readonly elapsedMs: number;
  /** How current the coverage was when it answered (`coverageAsOf`). */
  readonly coverageAsOf?: string | undefined;
}

/** Answers by key, for the paging buttons. */
export interface AnswerPages {
  put(key: string, stored: StoredAnswer): void;
  get(key: string): StoredAnswer | undefined;
}

const PREFIX = 'page';

/**
 * Paging design: the first question asks for a few pages of results at once; the whole
 * answer is kept here under the id of the interaction (or message) that asked, and the
 * buttons carry only that key and the page number. Re-asking would cost another embedding
 * and could return different results; a short-lived cache costs little memory. Entries
 * expire after `ttlMs` (the buttons then say to ask again) and at most `maxEntries` are kept.
 */
export function createAnswerPages(
  ttlMs = 15 * 60_000,
  maxEntries = 500,
  now: () => number = Date.now,
): AnswerPages {
  const entries = new Map<string, { stored: StoredAnswer; expires: number }>();
  return {
    put(key, stored) {
      entries.delete(key);
      entries.set(key, { stored, expires: now() + ttlMs });
      // Map keeps insertion order: the first keys are the oldest.
      for (const [oldKey, entry] of entries) {
        if (entries.size <= maxEntries && entry.expires > now()) break;
        entries.delete(oldKey);
      }
    },
    get(key) {
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expires <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.stored;
    },
  };
}

/** customId of a paging button: `page:<key>:<page>` (keys are snowflakes, well under 100 chars). */
export function pageButtonId(key: string, page: number): string {
  return `${PREFIX}:${key}:${page}`;
}

/** The key and page of a paging button's customId, or undefined for other buttons. */
export function parsePageButtonId(customId: string): { key: string; page: number } | undefined {
  const match = /^page:([^:]+):(\d+)$/.exec(customId);
  if (!match?.[1] || match[2] === undefined) return undefined;
  return { key: match[1], page: Number(match[2]) };
}
