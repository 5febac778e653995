/**
 * @registers/cron as a queue system: the real runtime in a Nest application context, either
 * in the bench process (`processes: 0`) or in worker processes with the bench only
 * enqueueing. Events are enqueued with `CronService.triggerMany` (one commit, like pg-boss
 * `insert()` and BullMQ `addBulk()`); done means a `succeeded` run row (the last write).
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { CronService } from '@registers/cron';
import type { DatabaseConnection } from '@registers/db';
import { startWorkers, stopWorkers, WorkerProcess } from '../children';
import type { QueueSystem } from './queue-system';

export interface RegistersSystemOptions {
  url: string;
  /** Worker processes; 0 runs the workers in the bench process. */
  processes: number;
  workers: number;
}

const EVENTS = 'registers_cron_events';
const RUNS = 'registers_cron_runs';

export class RegistersSystem implements QueueSystem {
  private app?: INestApplicationContext;
  private cron?: CronService;
  private admin?: DatabaseConnection;
  private workers: WorkerProcess[] = [];
  private started?: Promise<void>;

  constructor(private readonly options: RegistersSystemOptions) {}

  start(): Promise<void> {
    this.started ??= this.startNow();
    return this.started;
  }

  private async startNow(): Promise<void> {
    const { NoopJobs, startCronContext } = await import('../registers-app');
    const { CronService } = await import('@registers/cron');
    const { DatabaseConnection } = await import('@registers/db');
    const { url, processes, workers } = this.options;
    this.app = await startCronContext(
      processes === 0 ? { url, workers } : { url, autoStart: false },
      [NoopJobs],
    );
    this.cron = this.app.get(CronService);
    await this.cron.status(); // creates the tables before the workers race to
    if (processes > 0)
      this.workers = (
        await startWorkers('registers worker', 'registers-noop', { url, workers }, processes)
      ).workers;
    this.admin = new DatabaseConnection({ url });
  }

  async reset(): Promise<void> {
    const admin = this.admin!;
    if (admin.dialect === 'postgres') await admin.execute(`TRUNCATE ${RUNS}, ${EVENTS}`);
    else {
      await admin.execute(`DELETE FROM ${RUNS}`);
      await admin.execute(`DELETE FROM ${EVENTS}`);
    }
  }

  async enqueue(n: number): Promise<void> {
    await this.cron!.triggerMany(
      'noop',
      Array.from({ length: n }, (_, i) => ({ i })),
    );
  }

  async completed(): Promise<number> {
    return this.count(`SELECT COUNT(*) AS n FROM ${RUNS} WHERE status = 'succeeded'`);
  }

  async check(n: number): Promise<void> {
    const events = await this.count(`SELECT COUNT(*) AS n FROM ${EVENTS}`);
    const succeeded = await this.count(
      `SELECT COUNT(*) AS n FROM ${EVENTS} WHERE status = 'succeeded'`,
    );
    const runs = await this.count(`SELECT COUNT(*) AS n FROM ${RUNS}`);
    const ran = await this.count(`SELECT COUNT(DISTINCT event_id) AS n FROM ${RUNS}`);
    if (events !== n || succeeded !== n || runs !== n || ran !== n)
      throw new Error(
        `registers: ${events} events (${succeeded} succeeded), ${runs} runs of ${ran} events; expected ${n} of each`,
      );
  }

  private async count(sql: string): Promise<number> {
    return Number((await this.admin!.queryOne<{ n: unknown }>(sql))!.n);
  }

  async close(): Promise<void> {
    await stopWorkers(this.workers);
    await this.app?.close().catch(() => undefined);
    await this.admin?.close().catch(() => undefined);
  }
}
