/**
 * pg-boss 12 as the bench runs it, in the bench process and in worker processes alike, in
 * its fastest idiomatic configuration for a stream of small jobs: LISTEN/NOTIFY on (the
 * queue notifies, idle workers wake at once), `localConcurrency: 4` workers each fetching
 * batches of 50 and fetching again at once while batches come back full, jobs inserted with
 * one `insert()`. With `batchSize: 1` every worker waits its polling interval (≥ 0.5 s)
 * after each job, which caps it at a few jobs per second: that is not how pg-boss is run for
 * throughput. Everything else is pg-boss's default (maintenance included).
 */
import type { PgBoss as PgBossClass, WorkOptions } from 'pg-boss';
import { noop } from './noop';
import { WORKERS } from './settings';

export const PGBOSS_QUEUE = 'bench-noop';
export const PGBOSS_BATCH = 50;
export const PGBOSS_LABEL = `pg-boss 12: ${WORKERS} workers × batch ${PGBOSS_BATCH}, NOTIFY, insert()`;

const WORK: WorkOptions = {
  localConcurrency: WORKERS,
  batchSize: PGBOSS_BATCH,
  burstWhenBatchFull: true,
  pollingIntervalSeconds: 0.5,
};

/** A started pg-boss instance on `url` with the bench queue created. */
export async function startPgBoss(url: string): Promise<PgBossClass> {
  const { PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ connectionString: url, useListenNotify: true });
  boss.on('error', (error) => console.error(`pg-boss: ${error.message}`));
  await boss.start();
  if (!(await boss.getQueue(PGBOSS_QUEUE))) await boss.createQueue(PGBOSS_QUEUE, { notify: true });
  return boss;
}

/** Workers running the no-op handler on every job of a fetched batch. */
export async function workNoop(boss: PgBossClass): Promise<void> {
  await boss.work<unknown>(PGBOSS_QUEUE, WORK, async (jobs) => {
    for (const job of jobs) noop(job.data);
  });
}
