/** Runs async tasks with at most `concurrency` in flight. */
export interface TaskQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks waiting plus tasks running. */
  readonly size: number;
}

/**
 * A small FIFO limiter for answering. Answering embeds the question (CPU-bound); with
 * unlimited parallelism a burst of questions would hog the event loop and starve the
 * gateway heartbeat. Each task also starts on a fresh macrotask (`setImmediate`), so
 * pending I/O — heartbeats, deferrals — runs between tasks.
 */
export function createTaskQueue(concurrency: number): TaskQueue {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(
      `createTaskQueue: concurrency must be a positive integer, got ${concurrency}`,
    );
  }
  const waiting: (() => void)[] = [];
  let running = 0;

  const next = () => {
    if (running >= concurrency) return;
    const start = waiting.shift();
    if (start === undefined) return;
    running += 1;
    setImmediate(start);
  };

  return {
    get size() {
      return waiting.length + running;
    },
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        });
        next();
      });
    },
  };
}
