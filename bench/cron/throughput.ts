/**
 * Throughput workloads: events per second from the first enqueue until the last event is
 * recorded done, for a no-op handler, with 4 concurrent handlers per worker process. `1x4`
 * runs the workers in the bench process, `3x4` in three worker processes (the bench only
 * enqueues and counts). Each contender has its queue emptied before every timed call.
 */
import { median } from '../lib/timing';
import { Contender, Target, Workload } from '../lib/workload';
import { BULLMQ_LABEL } from './bullmq-setup';
import { PGBOSS_LABEL } from './pgboss-setup';
import { THROUGHPUT_EVENTS, WORKERS } from './settings';
import { BullmqSystem } from './systems/bullmq-system';
import { PgBossSystem } from './systems/pgboss-system';
import { EnqueueTimes, QueueSystem, throughputContender } from './systems/queue-system';
import { RegistersSystem } from './systems/registers-system';

export interface ThroughputPlan {
  group: 'postgres' | 'sqlite';
  /** Worker processes; 0 = the workers run in the bench process. */
  processes: number;
  /** Database URL, or why the database cannot be used. */
  database: { url: string } | { skip: string };
  /** Why Redis cannot be used, or null. */
  redisDown: string | null;
}

export function throughputKind(plan: ThroughputPlan): string {
  return `throughput-${Math.max(1, plan.processes)}x${WORKERS}`;
}

export interface ThroughputSetup {
  workload: Workload;
  systems: QueueSystem[];
  enqueueTimes: EnqueueTimes;
}

export function buildThroughput(plan: ThroughputPlan): ThroughputSetup {
  const n = THROUGHPUT_EVENTS;
  const kind = throughputKind(plan);
  const where =
    plan.processes === 0 ? '1 process (the bench)' : `${plan.processes} worker processes`;
  const systems: QueueSystem[] = [];
  const enqueueTimes: EnqueueTimes = new Map();
  const use = <S extends QueueSystem>(make: () => S, down: string | null): S | { skip: string } => {
    if (down) return { skip: down };
    const system = make();
    systems.push(system);
    return system;
  };
  const dbDown = 'skip' in plan.database ? plan.database.skip : null;
  const url = 'url' in plan.database ? plan.database.url : '';
  const processes = plan.processes;

  const contenders: Contender[] = [
    throughputContender(
      'registers',
      `@registers/cron workers: ${WORKERS}, triggerMany()`,
      use(
        () =>
          new RegistersSystem({
            url,
            processes,
            workers: WORKERS,
          }),
        dbDown,
      ),
      n,
      enqueueTimes,
    ),
  ];
  const targets: Target[] = [];
  if (plan.group === 'postgres') {
    contenders.push(
      throughputContender(
        'pg-boss',
        PGBOSS_LABEL,
        use(() => new PgBossSystem({ url, processes }), dbDown),
        n,
        enqueueTimes,
      ),
    );
    targets.push({ against: 'pg-boss', kind: 'at-most', value: 1.0 });
  }
  contenders.push(
    throughputContender(
      'bullmq',
      BULLMQ_LABEL,
      use(() => new BullmqSystem(`${plan.group}-${kind}`, { processes }), plan.redisDown),
      n,
      enqueueTimes,
    ),
  );
  if (plan.group === 'postgres' && processes > 0)
    targets.push({ against: [], kind: 'rate-at-least', value: 2000 });
  if (plan.group === 'sqlite') targets.push({ against: [], kind: 'rate-at-least', value: 1000 });

  return {
    workload: {
      id: `${plan.group}.${kind}`,
      area: 'cron',
      group: plan.group,
      title: `${kind}: ${n.toLocaleString('en-US')} no-op events, ${where} × ${WORKERS} workers`,
      ops: n,
      subject: 'registers',
      contenders,
      targets,
    },
    systems,
    enqueueTimes,
  };
}

/** "enqueue (median): registers 812 ms, pg-boss 31 ms, …" for the log. */
export function describeEnqueueTimes(times: EnqueueTimes): string {
  const parts = [...times]
    .filter(([, ms]) => ms.length > 0)
    .map(([name, ms]) => `${name} ${Math.round(median(ms))} ms`);
  return parts.length
    ? `  time spent enqueueing within the timed call (median of all calls): ${parts.join(', ')}`
    : '';
}
