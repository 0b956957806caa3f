import { BatchQueue } from './batch-queue';

/** A `run` that records its batches and answers when told to. */
function recorder(
  answer: (items: number[]) => number[] | Promise<number[]> = (items) => items.map((i) => i * 10),
) {
  const batches: number[][] = [];
  const release: (() => void)[] = [];
  let hold = false;
  const run = async (items: number[]) => {
    batches.push([...items]);
    if (hold) await new Promise<void>((r) => release.push(r));
    return answer(items);
  };
  return {
    batches,
    run,
    hold: () => (hold = true),
    releaseAll: () => release.splice(0).forEach((r) => r()),
  };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('BatchQueue', () => {
  it('sends a lone item on its own and answers it', async () => {
    const r = recorder();
    const queue = new BatchQueue(r.run, { maxBatch: 10, concurrency: 1 });
    await expect(queue.push(4)).resolves.toBe(40);
    expect(r.batches).toEqual([[4]]);
  });

  it('sends items pushed in the same turn together, each getting its own result', async () => {
    const r = recorder();
    const queue = new BatchQueue(r.run, { maxBatch: 10, concurrency: 1 });
    await expect(Promise.all([1, 2, 3].map((i) => queue.push(i)))).resolves.toEqual([10, 20, 30]);
    expect(r.batches).toEqual([[1, 2, 3]]);
  });

  it('holds items while the batches are busy and sends them together, at most maxBatch at a time', async () => {
    const r = recorder();
    r.hold();
    const queue = new BatchQueue(r.run, { maxBatch: 3, concurrency: 1 });
    const first = queue.push(0);
    await turn();
    expect(r.batches).toEqual([[0]]);
    const later = [1, 2, 3, 4, 5, 6, 7].map((i) => queue.push(i));
    await turn();
    expect(queue.pending).toBe(7);
    expect(r.batches).toHaveLength(1);
    while (r.batches.length < 4 || queue.pending) {
      r.releaseAll();
      await turn();
    }
    r.releaseAll();
    await expect(first).resolves.toBe(0);
    await expect(Promise.all(later)).resolves.toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(r.batches).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it('runs up to `concurrency` batches at once', async () => {
    const r = recorder();
    r.hold();
    const queue = new BatchQueue(r.run, { maxBatch: 2, concurrency: 2 });
    const all = [1, 2, 3, 4, 5].map((i) => queue.push(i));
    await turn();
    expect(r.batches).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(queue.pending).toBe(1);
    while (r.batches.length < 3) {
      r.releaseAll();
      await turn();
    }
    r.releaseAll();
    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50]);
  });

  it('retries the items of a failed batch one by one, so only the bad one fails', async () => {
    const r = recorder((items) => {
      if (items.includes(13)) throw new Error('13 is refused');
      return items.map((i) => i * 10);
    });
    const queue = new BatchQueue(r.run, { maxBatch: 10, concurrency: 1 });
    const results = await Promise.allSettled([12, 13, 14].map((i) => queue.push(i)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 120 },
      { status: 'rejected', reason: new Error('13 is refused') },
      { status: 'fulfilled', value: 140 },
    ]);
    expect(r.batches).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('treats a wrong number of results as a failed batch', async () => {
    const queue = new BatchQueue(async (items: number[]) => (items.length > 1 ? [1] : [items[0] + 1]), {
      maxBatch: 10,
      concurrency: 1,
    });
    await expect(Promise.all([1, 2].map((i) => queue.push(i)))).resolves.toEqual([2, 3]);
    await expect(new BatchQueue(async () => [], { maxBatch: 1, concurrency: 1 }).push(1)).rejects.toThrow(
      'A batch of 1 answered 0 results',
    );
  });

  it('keeps going after failures', async () => {
    let fail = true;
    const queue = new BatchQueue(
      async (items: number[]) => {
        if (fail) throw new Error('database unavailable');
        return items;
      },
      { maxBatch: 10, concurrency: 1 },
    );
    await expect(queue.push(1)).rejects.toThrow('database unavailable');
    fail = false;
    await expect(queue.push(2)).resolves.toBe(2);
  });

  it('refuses options that could never send', () => {
    expect(() => new BatchQueue(async (i: number[]) => i, { maxBatch: 0, concurrency: 1 })).toThrow();
    expect(() => new BatchQueue(async (i: number[]) => i, { maxBatch: 1, concurrency: 0 })).toThrow();
  });
});
