import { AsyncLocalStorage } from 'node:async_hooks';
import { WriteBatcher } from '../../src/store/write-batcher';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('WriteBatcher', () => {
  it('sends what is added in one turn as one batch, outputs in order', async () => {
    const batches: number[][] = [];
    const batcher = new WriteBatcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((n) => n * 10);
    });
    const outputs = await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    expect(outputs).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('keeps at most `concurrency` batches in flight and batches what waits meanwhile', async () => {
    const gates: Array<ReturnType<typeof deferred<void>>> = [];
    const batches: number[][] = [];
    let inFlight = 0;
    let most = 0;
    const batcher = new WriteBatcher<number, number>(async (items) => {
      batches.push(items);
      inFlight++;
      most = Math.max(most, inFlight);
      const gate = deferred<void>();
      gates.push(gate);
      await gate.promise;
      inFlight--;
      return items;
    }, 2);
    const all: Promise<number>[] = [batcher.add(1)];
    await new Promise((resolve) => setImmediate(resolve));
    all.push(batcher.add(2));
    await new Promise((resolve) => setImmediate(resolve));
    all.push(batcher.add(3), batcher.add(4), batcher.add(5));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2]]);
    gates[0].resolve();
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1], [2], [3, 4, 5]]);
    gates[1].resolve();
    gates[2].resolve();
    expect(await Promise.all(all)).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('rejects every item of a failed batch and no other', async () => {
    let calls = 0;
    const batcher = new WriteBatcher<number, number>(async (items) => {
      if (++calls === 1) throw new Error('database went away');
      return items;
    }, 1);
    const first = [batcher.add(1), batcher.add(2)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(first)).toEqual(['database went away', 'database went away']);
    expect(await batcher.add(3)).toBe(3);
  });

  it('flushes in the context it was made in, not in a caller’s', async () => {
    const storage = new AsyncLocalStorage<string>();
    const seen: Array<string | undefined> = [];
    const batcher = new WriteBatcher<number, number>(async (items) => {
      seen.push(storage.getStore());
      return items;
    });
    await storage.run('a caller’s transaction', () => batcher.add(1));
    expect(seen).toEqual([undefined]);
  });
});
