/**
 * `postgres.every-second`: an every-second cron schedule on 3 replicas (3 processes, one
 * PostgreSQL database). A round starts the replicas, lets them settle, watches a window of
 * whole seconds and resolves to the p99 of fire instant → handler start (each handler reports
 * both over IPC; one machine, one clock). A round whose window has a second without a fire,
 * or with two, throws. The @nestjs/schedule anchor (one process, in-memory timer) is
 * measured the same way: the floor a Node timer gives on this machine.
 */
import type { Pool } from 'pg';
import { Contender, Workload } from '../lib/workload';
import { ChildMessage, startWorkers, stopWorkers, WorkerProcess } from './children';
import { checkEverySecond, Fire, p99 } from './fires';
import {
  EVERY_SECOND_GRACE_MS,
  EVERY_SECOND_SETTLE_MS,
  everySecondWindowMs,
  REPLICAS,
  WORKERS,
} from './settings';
import { sleep, wallMs } from './wall-clock';

interface Replicas {
  start(): Promise<WorkerProcess[]>;
  /** After the round's replicas stopped: empty the queue for the next round. */
  reset?(): Promise<void>;
}

function everySecondContender(
  name: string,
  label: string,
  replicas: Replicas | { skip: string },
  windowMs: number,
  log: (line: string) => void,
): Contender {
  if ('skip' in replicas) return { name, label, skip: replicas.skip, run: () => undefined };
  let workers: WorkerProcess[] = [];
  const fires: Fire[] = [];
  return {
    name,
    label,
    sample: 'returned-ms',
    async before() {
      fires.length = 0;
      workers = await replicas.start();
      for (const w of workers)
        w.on((m: ChildMessage) => m.type === 'fire' && fires.push(m as unknown as Fire));
    },
    async run() {
      try {
        const open = Math.ceil((wallMs() + EVERY_SECOND_SETTLE_MS) / 1000) * 1000;
        const close = open + windowMs;
        await sleep(close + EVERY_SECOND_GRACE_MS - wallMs());
        const dead = workers.filter((w) => !w.alive).map((w) => w.name);
        if (dead.length) throw new Error(`${dead.join(', ')} exited during the window`);
        const { lateness, perProcess } = checkEverySecond(fires, open, close);
        const late = p99(lateness);
        log(
          `  ${name}: ${lateness.length} fires, once each; per process ${[...perProcess.values()].join('/')}; ` +
            `lateness median ${Math.round(lateness.sort((a, b) => a - b)[lateness.length >> 1])} ms, p99 ${late.toFixed(1)} ms`,
        );
        return late;
      } finally {
        await stopWorkers(workers);
        await replicas.reset?.();
      }
    },
  };
}

export interface EverySecondSetup {
  workload: Workload;
  close(): Promise<void>;
}

export function buildEverySecond(
  database: { url: string } | { skip: string },
  quick: boolean,
  log: (line: string) => void,
): EverySecondSetup {
  const windowMs = everySecondWindowMs(quick);
  let pool: Pool | undefined;
  const registers: Replicas | { skip: string } =
    'skip' in database
      ? database
      : {
          start: async () =>
            (
              await startWorkers(
                'registers replica',
                'registers-every-second',
                { url: database.url, workers: WORKERS },
                REPLICAS,
              )
            ).workers,
          reset: async () => {
            const { Pool } = await import('pg');
            pool ??= new Pool({ connectionString: database.url, max: 1 });
            await pool.query('TRUNCATE registers_cron_runs, registers_cron_events');
          },
        };
  const schedule: Replicas = {
    start: async () =>
      (await startWorkers('@nestjs/schedule process', 'schedule-every-second', {}, 1)).workers,
  };
  return {
    workload: {
      id: 'postgres.every-second',
      area: 'cron',
      group: 'postgres',
      title: `every-second: p99 fire → handler start, ${REPLICAS} replicas, ${windowMs / 1000} s`,
      ops: 1,
      subject: 'registers',
      rounds: 3,
      warmup: 0,
      contenders: [
        everySecondContender(
          'registers',
          `@registers/cron Trigger.cron, ${REPLICAS} replicas × ${WORKERS} workers`,
          registers,
          windowMs,
          log,
        ),
        everySecondContender(
          'nest-schedule',
          '@nestjs/schedule @Cron, 1 process, in memory',
          schedule,
          windowMs,
          log,
        ),
      ],
      targets: [{ against: [], kind: 'under-ms', value: 100 }],
    },
    close: async () => {
      await pool?.end().catch(() => undefined);
    },
  };
}
