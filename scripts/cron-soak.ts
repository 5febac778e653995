/**
 * Cron soak test (not part of `npm test`): three `cron start` replicas of the built console
 * share one database while this script kills (SIGKILL, sometimes SIGTERM) and restarts a
 * random one every few seconds, under an every-second `heartbeat` schedule and a steady load
 * of `rebuild` triggers and half-second `wait` jobs (so kills land mid-run). At the end it checks, from the database:
 *
 * - every trigger became exactly one event, and every event ended `succeeded` (none lost),
 *   except an attempt killed mid-run of a job without a retry policy: that event ends `failed`
 *   with "lease expired" (the job's retry policy decides, as documented), counted apart;
 * - no event succeeded twice (a killed attempt may be retried: at least once, never twice done);
 * - every second of the window has exactly one heartbeat event, all succeeded (no gaps, no duplicates).
 *
 * Usage (build first: `npm run build:console`):
 *   node -r @swc-node/register scripts/cron-soak.ts [--minutes 10] [--url postgres://…]
 * Default URL: a fresh SQLite file under a temporary folder. Prints a JSON summary and exits 1
 * when a check fails.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CronService, Job, RegistersCronModule } from '@registers/cron';
import { DatabaseConnection } from '@registers/db';

const CONSOLE_MAIN = resolve(__dirname, '../dist/apps/sample-console/main.js');
const REPLICAS = 3;
/** Not an event whose last attempt was killed mid-run and whose job has no retry policy. */
const NOT_KILLED = "NOT (status = 'failed' AND max_attempts = 1 AND error LIKE 'lease expired%')";
const LEASE_SECONDS = 5;

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const random = (min: number, max: number) => min + Math.random() * (max - min);

/** The soak driver declares `rebuild` and `wait` only to enqueue them; the replicas run them. */
@Injectable()
class SoakJobs {
  @Job()
  rebuild() {
    throw new Error('runs in the replicas, not in the soak driver');
  }

  @Job({ retry: { policy: 'fixed', maxAttempts: 3, backoffSeconds: 1 } })
  wait() {
    throw new Error('runs in the replicas, not in the soak driver');
  }
}

class Replica {
  private child?: ChildProcess;
  kills = 0;

  constructor(
    private readonly name: string,
    private readonly url: string,
    private readonly cwd: string,
  ) {}

  start(): void {
    this.child = spawn(
      process.execPath,
      [CONSOLE_MAIN, 'cron', 'start', '--workers', '4', '--lease-seconds', String(LEASE_SECONDS)],
      {
        cwd: this.cwd,
        env: {
          ...process.env,
          REGISTERS_DATABASE_URL: this.url,
          HEARTBEAT_CRON: '* * * * * *',
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    if (signal === 'SIGKILL') this.kills++;
    await exited;
  }

  toString() {
    return this.name;
  }
}

async function main(): Promise<void> {
  const minutes = Number(option('minutes', '10'));
  const dir = mkdtempSync(join(tmpdir(), 'cron-soak-'));
  const url = option('url', `sqlite:${join(dir, 'soak.db')}`);
  const replicas = Array.from({ length: REPLICAS }, (_, i) => new Replica(`r${i}`, url, dir));

  @Module({
    imports: [RegistersCronModule.forRoot({ url, autoStart: false })],
    providers: [SoakJobs],
  })
  class DriverModule {}
  const driver = await NestFactory.createApplicationContext(DriverModule, { logger: ['error'] });
  const cron = driver.get(CronService);

  replicas.forEach((r) => r.start());
  await sleep(5_000);
  const windowStart = Date.now();
  const endAt = windowStart + minutes * 60_000;
  let triggers = 0;
  let restarts = 0;

  const load = (async () => {
    while (Date.now() < endAt) {
      const n = triggers++;
      // Every tenth is a half-second `wait`, so kills land in the middle of running handlers.
      if (n % 10 === 0) await cron.trigger('wait', { ms: 500 }, { idempotencyKey: `soak-${n}` });
      else await cron.trigger('rebuild', { n }, { idempotencyKey: `soak-${n}` });
      await sleep(100);
    }
  })();
  const chaos = (async () => {
    while (Date.now() < endAt) {
      await sleep(random(2_000, 6_000));
      const victim = replicas[Math.floor(Math.random() * replicas.length)];
      await victim.stop(Math.random() < 0.75 ? 'SIGKILL' : 'SIGTERM');
      await sleep(random(0, 3_000));
      victim.start();
      restarts++;
    }
  })();
  await Promise.all([load, chaos]);
  const windowEnd = Date.now();

  // Let the replicas drain the queue (and a killed attempt's lease run out), then stop them.
  const drainBy = Date.now() + 120_000;
  while (Date.now() < drainBy) {
    const status = await cron.status();
    if (status.pending === 0 && status.running === 0) break;
    await sleep(1_000);
  }
  await Promise.all(replicas.map((r) => r.stop('SIGTERM')));
  await driver.close();

  const db = new DatabaseConnection({ url });
  const count = async (sql: string) => Number((await db.queryOne<{ n: number }>(sql))!.n);
  const firstFire = Math.ceil((windowStart + 2_000) / 1000) * 1000;
  const lastFire = Math.floor((windowEnd - 2_000) / 1000) * 1000;
  const expectedBeats = (lastFire - firstFire) / 1000 + 1;
  const summary = {
    url: url.replace(/\/\/[^@]*@/, '//…@'),
    minutes,
    restarts,
    sigkills: replicas.reduce((n, r) => n + r.kills, 0),
    triggers,
    triggerEvents: await count(
      `SELECT COUNT(*) AS n FROM registers_cron_events WHERE job IN ('rebuild', 'wait')`,
    ),
    triggersNotSucceeded: await count(
      `SELECT COUNT(*) AS n FROM registers_cron_events WHERE job IN ('rebuild', 'wait') AND status <> 'succeeded' AND ${NOT_KILLED}`,
    ),
    expectedBeats,
    beatEvents: await count(
      `SELECT COUNT(*) AS n FROM registers_cron_events WHERE job = 'heartbeat' AND scheduled_at BETWEEN ${firstFire} AND ${lastFire}`,
    ),
    beatsNotSucceeded: await count(
      `SELECT COUNT(*) AS n FROM registers_cron_events WHERE job = 'heartbeat' AND scheduled_at BETWEEN ${firstFire} AND ${lastFire} AND status <> 'succeeded' AND ${NOT_KILLED}`,
    ),
    killedWithoutRetryPolicy: await count(
      `SELECT COUNT(*) AS n FROM registers_cron_events WHERE status = 'failed' AND NOT (${NOT_KILLED})`,
    ),
    duplicateFires: await count(
      `SELECT COUNT(*) AS n FROM (SELECT scheduled_at FROM registers_cron_events WHERE job = 'heartbeat' GROUP BY scheduled_at HAVING COUNT(*) > 1) d`,
    ),
    eventsSucceededTwice: await count(
      `SELECT COUNT(*) AS n FROM (SELECT event_id FROM registers_cron_runs WHERE status = 'succeeded' GROUP BY event_id HAVING COUNT(*) > 1) d`,
    ),
    attemptsLostToKills: await count(
      `SELECT COUNT(*) AS n FROM registers_cron_runs WHERE error LIKE 'lease expired%'`,
    ),
  };
  await db.close();
  if (!option('url', '')) rmSync(dir, { recursive: true, force: true });

  const failures = [
    summary.triggerEvents !== summary.triggers && 'a trigger did not become exactly one event',
    summary.triggersNotSucceeded > 0 && 'a triggered event did not succeed (lost)',
    summary.beatEvents !== summary.expectedBeats && 'the heartbeat has a gap or an extra fire',
    summary.beatsNotSucceeded > 0 && 'a heartbeat event did not succeed',
    summary.duplicateFires > 0 && 'a fire was inserted twice',
    summary.eventsSucceededTwice > 0 && 'an event succeeded twice',
  ].filter(Boolean);
  console.log(JSON.stringify({ ...summary, ok: failures.length === 0, failures }, null, 2));
  process.exit(failures.length === 0 ? 0 : 1);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
