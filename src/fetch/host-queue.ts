/**
 * One request at a time per host, with a pause between two requests to the same host: the
 * politeness rule of crawlers (a news site serves readers first, not us). Different hosts
 * proceed in parallel.
 */
export class HostQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #delayMs: number;

  /** `delayMs`: pause after each request before the next one to the same host starts. */
  constructor(delayMs: number) {
    this.#delayMs = delayMs;
  }

  /** Runs `task` once every earlier task for `host` has finished and the pause has passed. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(host) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => pause(this.#delayMs),
      () => pause(this.#delayMs),
    );
    this.#tails.set(host, tail);
    // Forget a host once its queue drains, so a long-running poller does not keep one entry
    // per host it ever contacted.
    void tail.then(() => {
      if (this.#tails.get(host) === tail) this.#tails.delete(host);
    });
    return result;
  }
}

function pause(ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  // Unref'd: a finished CLI run exits without waiting out the last pause.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
