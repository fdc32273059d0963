/** A passage (by its position in the index) with a score; lists of these are best first. */
export interface Ranked {
  readonly passage: number;
  readonly score: number;
}

/**
 * Keeps the `limit` best of a stream of scores without sorting everything: a bounded
 * min-heap, O(n log k). Used by the vector scan, which sees every passage on every query.
 */
export class TopK {
  private readonly heap: Ranked[] = [];

  constructor(private readonly limit: number) {}

  /** Lowest score still in the top k, or -Infinity while there is room. */
  get floor(): number {
    return this.heap.length < this.limit ? -Infinity : (this.heap[0]?.score ?? -Infinity);
  }

  push(passage: number, score: number): void {
    if (this.limit <= 0) return;
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push({ passage, score });
      this.siftUp(heap.length - 1);
    } else if (score > this.floor) {
      heap[0] = { passage, score };
      this.siftDown(0);
    }
  }

  /** The kept entries, best first (ties by lower passage position, for stable output). */
  sorted(): Ranked[] {
    return [...this.heap].sort((a, b) => b.score - a.score || a.passage - b.passage);
  }

  private less(i: number, j: number): boolean {
    const a = this.heap[i]!;
    const b = this.heap[j]!;
    return a.score < b.score || (a.score === b.score && a.passage > b.passage);
  }

  private swap(i: number, j: number): void {
    const heap = this.heap;
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.less(left, smallest)) smallest = left;
      if (right < n && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
