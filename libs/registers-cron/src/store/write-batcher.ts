import { AsyncResource } from 'node:async_hooks';

interface Pending<I, O> {
  item: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the runtime's hottest writes (run rows, completions): what workers ask
 * for in the same turn of the event loop, or while earlier flushes are still running, goes
 * to the database as one batch, so workers finishing together pay one commit instead of
 * one each. Up to `concurrency` batches are in flight at once (the database then commits
 * them together too). A flush that fails rejects every item of its batch.
 *
 * Flushes run in the async context the batcher was made in (the engine's), never in a
 * caller's: a caller inside a database transaction must not pull other workers' writes
 * into it.
 */
export class WriteBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private scheduled = false;
  private flushing = 0;
  private readonly schedule: () => void;

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly concurrency = 2,
    private readonly maxBatch = 200,
  ) {
    this.schedule = AsyncResource.bind(() => void setImmediate(() => void this.drain()));
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.scheduled || this.flushing >= this.concurrency || this.queue.length === 0) return;
    this.scheduled = true;
    this.schedule();
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    if (this.flushing >= this.concurrency || this.queue.length === 0) return;
    this.flushing++;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const outputs = await this.flush(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(outputs[i]));
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      this.flushing--;
      this.kick();
    }
  }
}
