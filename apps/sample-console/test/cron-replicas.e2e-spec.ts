/**
 * Several `cron start` processes of the built console on one database (SQLite file,
 * PostgreSQL, MariaDB): one run per fire with no gaps, recovery of a killed worker's event
 * on another instance, and catch-up after every instance was down.
 */
import { DatabaseConnection } from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';
import { BackgroundConsole, cronConsole, poll } from './support/cron-console';
import { assertConsoleBuilt, makeTempDir } from './support/run-console';

jest.setTimeout(120_000);

const EVERY_SECOND = '* * * * * *';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RunRow {
  id: number;
  eventId: number;
  attempt: number;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  result: unknown;
  error: string | null;
  instance: string;
}

describeEachDialect('sample console cron on several instances', (target) => {
  const workdir = makeTempDir('sample-console-replicas-');
  const { json } = cronConsole(workdir.dir, () => target().url);
  let started: BackgroundConsole[] = [];

  function start(env: Record<string, string> = {}, ...args: string[]): BackgroundConsole {
    const instance = new BackgroundConsole(['cron', 'start', ...args], {
      cwd: workdir.dir,
      databaseUrl: target().url,
      env: { HEARTBEAT_CRON: EVERY_SECOND, ...env },
    });
    started.push(instance);
    return instance;
  }

  async function stopAll(): Promise<void> {
    for (const instance of started) if (instance.running) instance.signal('SIGTERM');
    const ends = await Promise.all(started.map((i) => i.exited));
    started = [];
    for (const end of ends) expect(end.code === 0 || end.signal === 'SIGKILL').toBe(true);
  }

  async function heartbeatFires(): Promise<number[]> {
    const db = new DatabaseConnection({ url: target().url });
    try {
      const rows = await db.query<{ scheduled_at: number; status: string }>(
        "SELECT scheduled_at, status FROM registers_cron_events WHERE job = 'heartbeat' ORDER BY scheduled_at",
      );
      // A graceful stop gives back the events it had not started yet (pending again, run by
      // the next instance); no event may be left failed, dead or running.
      expect(rows.filter((r) => r.status !== 'succeeded' && r.status !== 'pending')).toEqual([]);
      return rows.map((r) => Number(r.scheduled_at));
    } finally {
      await db.close();
    }
  }

  beforeAll(() => assertConsoleBuilt());
  afterEach(async () => {
    await Promise.all(started.map((i) => i.kill()));
    started = [];
  });
  afterAll(() => workdir.remove());

  it('three instances run an every-second job once per fire, with no gaps', async () => {
    const instances = [start(), start(), start()];
    await Promise.all(instances.map((i) => i.waitFor(/Cron started/)));
    const windowStart = Date.now();
    await sleep(6_000);
    const windowEnd = Date.now();
    await stopAll();

    const runs = await json<RunRow[]>('cron', 'history', '--job', 'heartbeat', '--limit', '1000');
    const beats = runs.map((r) => String(r.result));
    expect(new Set(beats).size).toBe(beats.length); // no fire ran twice
    expect(runs.every((r) => r.status === 'succeeded' && r.attempt === 1)).toBe(true);
    const fires = await heartbeatFires();
    expect(beats.sort()).toEqual(fires.map((t) => `beat ${new Date(t).toISOString()}`).sort());
    const first = Math.ceil((windowStart + 1_000) / 1000) * 1000;
    const last = Math.floor((windowEnd - 1_000) / 1000) * 1000;
    const inside = fires.filter((t) => t >= first && t <= last);
    expect(inside).toEqual(
      Array.from({ length: (last - first) / 1000 + 1 }, (_, i) => first + i * 1000),
    );
  });

  it('a SIGKILLed worker’s event completes on another instance as attempt 2, without overlap', async () => {
    const lease = ['--lease-seconds', '2'];
    const instances = [
      start({ HEARTBEAT_CRON: '0 0 1 1 *' }, ...lease),
      start({ HEARTBEAT_CRON: '0 0 1 1 *' }, ...lease),
    ];
    await Promise.all(instances.map((i) => i.waitFor(/Cron started: instance (\S+),/)));
    const ids = instances.map((i) => i.stdout.match(/Cron started: instance (\S+),/)![1]);
    const { eventId } = await json<{ eventId: number }>(
      'cron',
      'trigger',
      'wait',
      '--payload',
      '{"ms":3000}',
    );
    const first = await poll(async () => {
      const runs = await json<RunRow[]>('cron', 'history', '--job', 'wait');
      return runs.find((r) => r.eventId === eventId && r.status === 'running');
    }, 'the first attempt to start');
    const victim = instances[ids.indexOf(first.instance)];
    victim.signal('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');

    const done = await poll(
      async () => {
        const runs = await json<RunRow[]>('cron', 'history', '--job', 'wait');
        const mine = runs.filter((r) => r.eventId === eventId);
        return mine.some((r) => r.status === 'succeeded') ? mine : undefined;
      },
      'the event to succeed on the other instance',
      30_000,
    );
    const [attempt1, attempt2] = [...done].sort((a, b) => a.attempt - b.attempt);
    expect(done).toHaveLength(2);
    expect(attempt1).toMatchObject({ attempt: 1, status: 'failed', instance: first.instance });
    expect(attempt1.error).toMatch(/^lease expired/);
    expect(attempt2).toMatchObject({ attempt: 2, status: 'succeeded', result: 'waited 3000' });
    expect(attempt2.instance).not.toBe(first.instance);
    expect(Date.parse(attempt2.startedAt)).toBeGreaterThanOrEqual(Date.parse(attempt1.finishedAt!));
    await stopAll();
  });

  async function downtime(
    policy: string,
  ): Promise<{ before: number[]; missed: number[]; after: number[] }> {
    const up = start({ HEARTBEAT_CATCH_UP: policy });
    await up.waitFor(/Cron started/);
    await sleep(2_500);
    await stopAll();
    const lastBefore = Math.max(...(await heartbeatFires()));
    await sleep(4_000); // every instance is down: about four fires are missed
    const restarted = start({ HEARTBEAT_CATCH_UP: policy });
    await restarted.waitFor(/Cron started/);
    // Fires before the instance's start are "missed"; from it on they are regular ones.
    const status = await json<{ instances: Array<{ startedAt: string }> }>('cron', 'status');
    expect(status.instances).toHaveLength(1);
    const startedAt = Date.parse(status.instances[0].startedAt);
    await sleep(1_500);
    await stopAll();
    const fires = await heartbeatFires();
    return {
      before: fires.filter((t) => t <= lastBefore),
      missed: fires.filter((t) => t > lastBefore && t < startedAt),
      after: fires.filter((t) => t >= startedAt),
    };
  }

  it.each([
    ['skip', (missed: number) => expect(missed).toBe(0)],
    ['latest', (missed: number) => expect(missed).toBe(1)],
    ['all', (missed: number) => expect(missed).toBeGreaterThanOrEqual(3)],
  ])("catchUp '%s': fires missed while every instance was down", async (policy, check) => {
    const db = new DatabaseConnection({ url: target().url });
    await db
      .execute("DELETE FROM registers_cron_events WHERE job = 'heartbeat'")
      .catch(() => undefined);
    await db
      .execute("UPDATE registers_cron_jobs SET last_fire_at = NULL WHERE name = 'heartbeat'")
      .catch(() => undefined);
    await db.close();
    const { missed, after } = await downtime(policy);
    check(missed.length);
    if (policy === 'all') {
      // consecutive seconds: no missed fire left out
      for (let i = 1; i < missed.length; i++) expect(missed[i] - missed[i - 1]).toBe(1000);
    }
    expect(after.length).toBeGreaterThan(0);
  });
});
