/**
 * Area "cron": @registers/cron against pg-boss 12, BullMQ and @nestjs/schedule. Throughput
 * (events per second, trigger → claim → run → record) in one process and in three worker
 * processes on PostgreSQL, in one process on SQLite; lateness of an every-second schedule on
 * three replicas; webhook delivery → handler start on three replicas. Every workload gets a
 * fresh database; its worker processes are stopped when it ends (also after an error) and
 * killed if the bench exits first. A server that does not answer skips its contenders.
 */
import { BenchDialect, createFreshDatabase, FreshDatabase, probeServer } from '../db/databases';
import { BenchOptions, roundsFor, selected } from '../lib/options';
import { runWorkload } from '../lib/runner';
import { Workload, WorkloadResult } from '../lib/workload';
import { probeRedis } from './bullmq-setup';
import { stopAllWorkers } from './children';
import { buildEverySecond } from './every-second';
import { buildThroughput, describeEnqueueTimes } from './throughput';
import { buildWebhook } from './webhook';

type Database = { url: string } | { skip: string };

interface Built {
  workload: Workload;
  close(): Promise<void>;
  /** A line for the log after the workload ran. */
  note?(): string;
}

interface Plan {
  dialect: BenchDialect;
  kind: string;
  needsRedis: boolean;
  build(database: Database, redisDown: string | null): Built;
}

function throughputPlan(dialect: 'postgres' | 'sqlite', processes: number): Plan {
  return {
    dialect,
    kind: `throughput-${Math.max(1, processes)}x4`,
    needsRedis: true,
    build(database, redisDown) {
      const setup = buildThroughput({ group: dialect, processes, database, redisDown });
      return {
        workload: setup.workload,
        close: async () => {
          for (const s of setup.systems) await s.close().catch(() => undefined);
        },
        note: () => describeEnqueueTimes(setup.enqueueTimes),
      };
    },
  };
}

function plans(quick: boolean, log: (line: string) => void): Plan[] {
  return [
    throughputPlan('postgres', 0),
    throughputPlan('postgres', 3),
    throughputPlan('sqlite', 0),
    {
      dialect: 'postgres',
      kind: 'every-second',
      needsRedis: false,
      build: (database) => buildEverySecond(database, quick, log),
    },
    {
      dialect: 'postgres',
      kind: 'webhook',
      needsRedis: false,
      build: (database) => buildWebhook(database, quick, log),
    },
  ];
}

export async function runCronArea(
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const chosen = plans(opts.quick, log).filter(
    (p) =>
      (!opts.dialects || opts.dialects.includes(p.dialect)) && selected(opts, p.dialect, p.kind),
  );
  if (opts.profile)
    log('cron: --profile sees the bench process only (the 1x4 workloads), not worker processes');
  const down = new Map<string, string | null>();
  const probe = async (what: string, check: () => Promise<string | null>) => {
    if (!down.has(what)) down.set(what, await check());
    return down.get(what)!;
  };
  const results: WorkloadResult[] = [];
  try {
    for (const plan of chosen) {
      const serverDown =
        plan.dialect === 'sqlite'
          ? null
          : await probe(plan.dialect, () => probeServer(plan.dialect));
      const redisDown = plan.needsRedis ? await probe('redis', () => probeRedis()) : null;
      if (serverDown) log(`cron ${plan.dialect}.${plan.kind}: ${serverDown}`);
      if (redisDown) log(`cron ${plan.dialect}.${plan.kind}: bullmq skipped, ${redisDown}`);
      let db: FreshDatabase | undefined;
      let built: Built | undefined;
      try {
        db = serverDown ? undefined : await createFreshDatabase(plan.dialect);
        built = plan.build(db ? { url: db.url } : { skip: serverDown! }, redisDown);
        results.push(
          await runWorkload(built.workload, {
            // A throughput call lasts a few hundred ms on a machine shared by the runtime, its
            // database and the bench: twice the rounds keep the median steady.
            rounds: plan.kind.startsWith('throughput') ? roundsFor(opts, 15, 5) : opts.rounds,
            warmup: opts.warmup,
            profile: opts.profile,
            onResult,
          }),
        );
        const note = built.note?.();
        if (note) log(`${note}\n`);
      } catch (error) {
        // A workload that cannot even be set up is reported; the other workloads still run.
        log(`cron ${plan.dialect}.${plan.kind}: not run, ${(error as Error).message}\n`);
      } finally {
        await built?.close().catch(() => undefined);
        await stopAllWorkers();
        await db?.drop().catch((error) => log(`could not drop ${db!.url}: ${error.message}`));
      }
    }
  } finally {
    await stopAllWorkers();
  }
  return results;
}
