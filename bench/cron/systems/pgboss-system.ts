/**
 * pg-boss 12 as a queue system (see pgboss-setup.ts for its configuration): workers in the
 * bench process (`processes: 0`) or in worker processes; the bench inserts the batch and
 * counts `completed` rows in pgboss.job.
 */
import type { PgBoss } from 'pg-boss';
import type { Pool } from 'pg';
import { startWorkers, stopWorkers, WorkerProcess } from '../children';
import { PGBOSS_QUEUE, startPgBoss, workNoop } from '../pgboss-setup';
import type { QueueSystem } from './queue-system';

export class PgBossSystem implements QueueSystem {
  private boss?: PgBoss;
  private pool?: Pool;
  private workers: WorkerProcess[] = [];
  private started?: Promise<void>;

  constructor(private readonly options: { url: string; processes: number }) {}

  start(): Promise<void> {
    this.started ??= this.startNow();
    return this.started;
  }

  private async startNow(): Promise<void> {
    const { url, processes } = this.options;
    this.boss = await startPgBoss(url); // installs the schema before the workers start
    if (processes === 0) await workNoop(this.boss);
    else
      this.workers = (
        await startWorkers('pg-boss worker', 'pgboss-noop', { url }, processes)
      ).workers;
    const { Pool } = await import('pg');
    this.pool = new Pool({ connectionString: url, max: 1 });
  }

  async reset(): Promise<void> {
    await this.boss!.deleteAllJobs(PGBOSS_QUEUE);
  }

  async enqueue(n: number): Promise<void> {
    await this.boss!.insert(
      PGBOSS_QUEUE,
      Array.from({ length: n }, (_, i) => ({ data: { i } })),
    );
  }

  async completed(): Promise<number> {
    return this.count(`state = 'completed'`);
  }

  async check(n: number): Promise<void> {
    const all = await this.count('true');
    const completed = await this.completed();
    if (all !== n || completed !== n)
      throw new Error(`pg-boss: ${all} jobs, ${completed} completed; expected ${n} of each`);
  }

  private async count(condition: string): Promise<number> {
    const { rows } = await this.pool!.query(
      `SELECT COUNT(*) AS n FROM pgboss.job WHERE name = $1 AND ${condition}`,
      [PGBOSS_QUEUE],
    );
    return Number(rows[0].n);
  }

  async close(): Promise<void> {
    await stopWorkers(this.workers);
    await this.boss?.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
    await this.pool?.end().catch(() => undefined);
  }
}
