/** The verdict for one request: go ahead, or wait `retryAfterMs`. */
export type CooldownVerdict =
  { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

/** Per-user rate limit: one question per `seconds`. */
export interface Cooldown {
  /** Checks `userId` and, when allowed, starts their cooldown. */
  take(userId: string): CooldownVerdict;
}

/**
 * A per-user cooldown. The clock is passed in so tests need no timers. Old entries are
 * dropped as they expire, so memory stays bounded by the users active in one period.
 */
export function createCooldown(seconds: number, now: () => number = Date.now): Cooldown {
  const periodMs = seconds * 1000;
  const lastAsked = new Map<string, number>();
  return {
    take(userId) {
      const time = now();
      for (const [user, at] of lastAsked) {
        if (time - at >= periodMs) lastAsked.delete(user);
      }
      const previous = lastAsked.get(userId);
      if (previous !== undefined) return { ok: false, retryAfterMs: previous + periodMs - time };
      lastAsked.set(userId, time);
      return { ok: true };
    },
  };
}
