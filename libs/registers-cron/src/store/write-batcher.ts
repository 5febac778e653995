import { AsyncResource } from 'node:async_hooks';

interface Pending<I, O> {
  item: I;
  resolve(output: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit for the runtime's hottest writes (run rows, completions): what workers ask
 * for in the same turn of the event loop, or while the previous flush is still running,
 * goes to the database as one batch, so four workers finishing together pay one commit
 * instead of four. A flush that fails rejects every item of its batch.
 *
 * Flushes run in the async context the batcher was made in (the engine's), never in a
 * caller's: a caller inside a database transaction must not pull other workers' writes
 * into it.
 */
export class WriteBatcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private scheduled = false;
  private flushing = false;
  private readonly schedule: () => void;

  constructor(
    private readonly flush: (items: I[]) => Promise<O[]>,
    private readonly maxBatch = 200,
  ) {
    this.schedule = AsyncResource.bind(() => void setImmediate(() => void this.drain()));
  }

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.scheduled && !this.flushing) {
        this.scheduled = true;
        this.schedule();
      }
    });
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outputs = await this.flush(batch.map((p) => p.item));
          batch.forEach((p, i) => p.resolve(outputs[i]));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
