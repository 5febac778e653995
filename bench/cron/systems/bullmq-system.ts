/**
 * BullMQ as a queue system (see bullmq-setup.ts): a Worker in the bench process
 * (`processes: 0`) or one per worker process; the bench adds the batch with `addBulk` and
 * counts the queue's completed jobs.
 */
import type { Queue, Worker } from 'bullmq';
import { startWorkers, stopWorkers, WorkerProcess } from '../children';
import { BULLMQ_PREFIX, redisConnection, startBullWorker } from '../bullmq-setup';
import type { QueueSystem } from './queue-system';

export class BullmqSystem implements QueueSystem {
  private queue?: Queue;
  private worker?: Worker;
  private workers: WorkerProcess[] = [];
  private started?: Promise<void>;
  /** Per bench run and workload: never a queue somebody else uses. */
  private readonly name: string;

  constructor(
    workload: string,
    private readonly options: { processes: number },
  ) {
    this.name = `${workload}-${process.pid}`;
  }

  start(): Promise<void> {
    this.started ??= this.startNow();
    return this.started;
  }

  private async startNow(): Promise<void> {
    const { Queue } = await import('bullmq');
    this.queue = new Queue(this.name, { connection: redisConnection(), prefix: BULLMQ_PREFIX });
    await this.queue.waitUntilReady();
    if (this.options.processes === 0) this.worker = await startBullWorker(this.name);
    else
      this.workers = (
        await startWorkers(
          'bullmq worker',
          'bullmq-noop',
          { queue: this.name },
          this.options.processes,
        )
      ).workers;
  }

  async reset(): Promise<void> {
    const queue = this.queue!;
    await queue.clean(0, 0, 'completed');
    await queue.clean(0, 0, 'failed');
    await queue.drain(true);
    const left = await queue.getJobCountByTypes('completed', 'failed', 'wait', 'active', 'delayed');
    if (left !== 0) throw new Error(`bullmq: ${left} jobs left after cleaning the queue`);
  }

  async enqueue(n: number): Promise<void> {
    await this.queue!.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'noop', data: { i } })));
  }

  completed(): Promise<number> {
    return this.queue!.getCompletedCount();
  }

  async check(n: number): Promise<void> {
    const completed = await this.completed();
    const other = await this.queue!.getJobCountByTypes('failed', 'wait', 'active', 'delayed');
    if (completed !== n || other !== 0)
      throw new Error(
        `bullmq: ${completed} completed and ${other} other jobs; expected ${n} completed`,
      );
  }

  async close(): Promise<void> {
    await stopWorkers(this.workers);
    await this.worker?.close().catch(() => undefined);
    await this.queue?.obliterate({ force: true }).catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
  }
}
