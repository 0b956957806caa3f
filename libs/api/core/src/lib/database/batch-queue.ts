/** How a `BatchQueue` groups its items. */
export interface BatchQueueOptions {
  /** At most this many items leave in one batch. */
  maxBatch: number;
  /** At most this many batches run at the same time; items arriving meanwhile wait. */
  concurrency: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (result: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for a hot statement. `push(item)` resolves with that item's result. Items are
 * sent on the next turn of the event loop while fewer than `concurrency` batches are running,
 * so one item alone waits for nothing; items that arrive while the batches are busy leave
 * together (up to `maxBatch`) as soon as one finishes, sharing one statement, one round trip
 * and one commit. `run` gets the items in arrival order and answers one result per item, in
 * the same order. When a batch of several fails as a whole, each of its items is retried
 * alone, so one bad item fails only itself.
 */
export class BatchQueue<I, O> {
  private readonly waiting: Waiting<I, O>[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: BatchQueueOptions,
  ) {
    if (options.maxBatch < 1 || options.concurrency < 1) {
      throw new Error('BatchQueue needs maxBatch and concurrency of at least 1');
    }
  }

  /** Items waiting for a free batch (not counting those already sent). */
  get pending(): number {
    return this.waiting.length;
  }

  push(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.options.concurrency || !this.waiting.length) return;
    this.scheduled = true;
    // After the I/O callbacks of this turn: messages read together leave together.
    setImmediate(() => {
      this.scheduled = false;
      while (this.running < this.options.concurrency && this.waiting.length) {
        void this.send(this.waiting.splice(0, this.options.maxBatch));
      }
    });
  }

  private async send(batch: Waiting<I, O>[]): Promise<void> {
    this.running++;
    try {
      await this.settle(batch);
    } finally {
      this.running--;
      this.schedule();
    }
  }

  private async settle(batch: Waiting<I, O>[]): Promise<void> {
    let results: O[];
    try {
      results = await this.run(batch.map((w) => w.item));
      if (results.length !== batch.length) {
        throw new Error(`A batch of ${batch.length} answered ${results.length} results`);
      }
    } catch (e) {
      if (batch.length === 1) batch[0].reject(e);
      else await Promise.all(batch.map((w) => this.settle([w])));
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]));
  }
}
