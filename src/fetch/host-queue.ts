/**
 * One request at a time per host, with a pause between two requests to the same host: the
 * politeness rule of crawlers (a news site serves readers first, not us). Different hosts
 * proceed in parallel.
 */
export class HostQueue {
  readonly #tails = new Map<string, Promise<void>>();
  /** Per host: when its next request may start. */
  readonly #readyAt = new Map<string, number>();
  readonly #delayMs: number;

  /** `delayMs`: pause after each request before the next one to the same host starts. */
  constructor(delayMs: number) {
    this.#delayMs = delayMs;
  }

  /**
   * Runs `task` once every earlier task for `host` has finished and the pause has passed.
   * `delayMs`: a longer pause this host asks for after this request (robots.txt Crawl-delay).
   */
  run<T>(host: string, task: () => Promise<T>, delayMs = 0): Promise<T> {
    const previous = this.#tails.get(host) ?? Promise.resolve();
    const result = previous.then(async () => {
      // The pause is taken before a request, not after one: the last request of a run leaves
      // no timer behind, and the process can exit at once.
      const wait = (this.#readyAt.get(host) ?? 0) - Date.now();
      if (wait > 0) await pause(wait);
      try {
        return await task();
      } finally {
        this.#readyAt.set(host, Date.now() + Math.max(this.#delayMs, delayMs));
      }
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(host, tail);
    // Forget a host once its queue drains and its pause is over, so a long-running poller
    // does not keep one entry per host it ever contacted.
    void tail.then(() => {
      if (this.#tails.get(host) === tail) this.#tails.delete(host);
      this.#forgetPastPauses();
    });
    return result;
  }

  #forgetPastPauses(): void {
    const now = Date.now();
    for (const [host, readyAt] of this.#readyAt) {
      if (readyAt <= now && !this.#tails.has(host)) this.#readyAt.delete(host);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
