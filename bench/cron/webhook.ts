/**
 * `postgres.webhook`: webhook delivery → handler start on 3 replicas (HTTP servers with the
 * cron runtime, 4 workers each, one PostgreSQL database). A timed call sends deliveries at a
 * fixed rate (open loop: on schedule, not after the previous answer), round-robin over the
 * replicas, and resolves to the p99 of (request sent → handler start) in ms. The replica that
 * answers enqueues; its own workers wake at once, the others through LISTEN/NOTIFY. Every
 * delivery must be answered 202 and start its handler exactly once, and (registers) end as
 * one succeeded run, or the round throws. The anchor `nest-http` is a plain controller on the
 * same servers that runs the handler inside the request: the HTTP floor.
 */
import type { Pool } from 'pg';
import { Contender, Workload } from '../lib/workload';
import { ChildMessage, startWorkers, WorkerProcess } from './children';
import { checkDeliveries, p99 } from './fires';
import {
  COMPLETION_POLL_MS,
  COMPLETION_TIMEOUT_MS,
  REPLICAS,
  WEBHOOK_RATE,
  WEBHOOK_TOKEN,
  webhookSeconds,
  WORKERS,
} from './settings';
import { sleep, wallMs } from './wall-clock';

interface Servers {
  workers: WorkerProcess[];
  ports: number[];
  pids: number[];
}

interface Start {
  n: number;
  startedAt: number;
  pid: number;
}

/** Sends `count` deliveries to `path` at WEBHOOK_RATE; returns when each was sent. */
async function deliver(servers: Servers, path: string, count: number, round: number) {
  const sentAt: number[] = [];
  const answers: Array<Promise<number>> = [];
  const t0 = wallMs() + 20;
  for (let n = 0; n < count; n++) {
    await sleep(t0 + (n * 1000) / WEBHOOK_RATE - wallMs());
    const port = servers.ports[n % servers.ports.length];
    sentAt.push(wallMs());
    answers.push(
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${WEBHOOK_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ n, round }),
      }).then(async (res) => {
        await res.arrayBuffer();
        return res.status;
      }),
    );
  }
  const statuses = await Promise.all(answers);
  const refused = statuses.filter((s) => s !== 202);
  if (refused.length)
    throw new Error(`${refused.length} of ${count} deliveries refused (e.g. HTTP ${refused[0]})`);
  return sentAt;
}

/** Handler starts of `via` in `round` until `count` arrived (or the timeout). */
function collectStarts(servers: Servers, via: string, round: number) {
  const starts: Start[] = [];
  const offs = servers.workers.map((w) =>
    w.on((m: ChildMessage) => {
      if (m.type === 'start' && m.via === via && m.round === round)
        starts.push({ n: m.n as number, startedAt: m.startedAt as number, pid: m.pid as number });
    }),
  );
  return {
    starts,
    async until(count: number): Promise<void> {
      const deadline = wallMs() + COMPLETION_TIMEOUT_MS;
      while (starts.length < count && wallMs() < deadline) await sleep(COMPLETION_POLL_MS);
      await sleep(200); // a duplicate start right after the last one is still seen
      offs.forEach((off) => off());
    },
  };
}

/** "median 12 ms, p99 31 ms; 18% ran on another replica than the one that answered". */
function describeRound(s: Servers, latencies: number[], starts: Start[]): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const elsewhere = starts.filter((st) => st.pid !== s.pids[st.n % s.pids.length]).length;
  return (
    `median ${sorted[sorted.length >> 1].toFixed(1)} ms, p99 ${p99(latencies).toFixed(1)} ms, ` +
    `max ${sorted[sorted.length - 1].toFixed(1)} ms; ${Math.round((100 * elsewhere) / starts.length)}% ran on another replica than the one that answered`
  );
}

function webhookContender(
  name: string,
  label: string,
  path: string,
  via: string,
  servers: () => Promise<Servers>,
  count: number,
  log: (line: string) => void,
  afterRound?: (count: number) => Promise<void>,
): Contender {
  let round = 0;
  return {
    name,
    label,
    sample: 'returned-ms',
    async before() {
      await servers();
    },
    async run() {
      const s = await servers();
      const r = ++round;
      const collected = collectStarts(s, via, r);
      const sentAt = await deliver(s, path, count, r);
      await collected.until(count);
      const latencies = checkDeliveries(sentAt, collected.starts);
      await afterRound?.(count);
      log(
        `  ${name}: ${count} deliveries, each started once; ${describeRound(s, latencies, collected.starts)}`,
      );
      return p99(latencies);
    },
  };
}

export interface WebhookSetup {
  workload: Workload;
  close(): Promise<void>;
}

export function buildWebhook(
  database: { url: string } | { skip: string },
  quick: boolean,
  log: (line: string) => void,
): WebhookSetup {
  const count = WEBHOOK_RATE * webhookSeconds(quick);
  const labelRegisters = `Trigger.webhook, ${REPLICAS} replicas × ${WORKERS} workers, NOTIFY`;
  const labelDirect = 'plain controller, handler in the request';
  const title = `webhook: p99 delivery → handler start, ${WEBHOOK_RATE}/s × ${webhookSeconds(quick)} s`;
  const workload = (contenders: Contender[]): Workload => ({
    id: 'postgres.webhook',
    area: 'cron',
    group: 'postgres',
    title,
    ops: 1,
    subject: 'registers',
    rounds: 3,
    warmup: 1,
    contenders,
    targets: [{ against: [], kind: 'under-ms', value: 50 }],
  });
  if ('skip' in database) {
    const skip = (name: string, label: string): Contender => ({
      name,
      label,
      skip: database.skip,
      run: () => undefined,
    });
    return {
      workload: workload([skip('registers', labelRegisters), skip('nest-http', labelDirect)]),
      close: async () => undefined,
    };
  }

  let started: Promise<Servers> | undefined;
  let pool: Pool | undefined;
  const servers = () =>
    (started ??= startWorkers(
      'webhook replica',
      'registers-webhook',
      { url: database.url, workers: WORKERS, token: WEBHOOK_TOKEN },
      REPLICAS,
    ).then(({ workers, ready }) => ({
      workers,
      ports: ready.map((r) => r.port as number),
      pids: ready.map((r) => r.pid as number),
    })));

  /** Waits until the round's events are recorded done, checks them, and empties the tables. */
  const settle = async (n: number) => {
    const { Pool } = await import('pg');
    pool ??= new Pool({ connectionString: database.url, max: 1 });
    const count = async () =>
      Number(
        (
          await pool!.query(
            "SELECT COUNT(*) AS n FROM registers_cron_runs WHERE status = 'succeeded'",
          )
        ).rows[0].n,
      );
    const deadline = wallMs() + COMPLETION_TIMEOUT_MS;
    while ((await count()) < n && wallMs() < deadline) await sleep(COMPLETION_POLL_MS);
    const { rows } = await pool.query(
      "SELECT (SELECT COUNT(*) FROM registers_cron_events) AS events, (SELECT COUNT(*) FROM registers_cron_events WHERE status = 'succeeded') AS succeeded, (SELECT COUNT(*) FROM registers_cron_runs) AS runs",
    );
    const { events, succeeded, runs } = rows[0];
    if (Number(events) !== n || Number(succeeded) !== n || Number(runs) !== n)
      throw new Error(
        `registers: ${events} events (${succeeded} succeeded), ${runs} runs; expected ${n}`,
      );
    await pool.query('TRUNCATE registers_cron_runs, registers_cron_events');
  };

  return {
    workload: workload([
      webhookContender(
        'registers',
        labelRegisters,
        '/hooks/bench',
        'registers',
        servers,
        count,
        log,
        settle,
      ),
      webhookContender('nest-http', labelDirect, '/direct', 'direct', servers, count, log),
    ]),
    close: async () => {
      await pool?.end().catch(() => undefined);
    },
  };
}
