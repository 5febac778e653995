/**
 * `cron start` of the built sample console (SPEC 4.3 / 5.3) as a real foreground process on
 * each dialect: it runs what other console processes enqueue, shows up in `cron status`,
 * retries a failing job into the dead letters, and exits 0 on SIGTERM or SIGINT after its
 * running handlers finished.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { BackgroundConsole, cronConsole, poll } from './support/cron-console';
import { assertConsoleBuilt, makeTempDir } from './support/run-console';

jest.setTimeout(90_000);

const STARTED = /^Cron started: instance (\S+), 4 jobs, (\d+) workers\n/;

interface RunJson {
  eventId: number;
  status: string;
  result: unknown;
  error: string | null;
  instance: string;
  attempt: number;
}

interface EventJson {
  id: number;
  job: string;
  status: string;
  attempt: number;
  payload: unknown;
}

describeEachDialect('sample console cron start', (target) => {
  const workdir = makeTempDir('sample-console-cron-start-');
  const { run, json } = cronConsole(workdir.dir, () => target().url);
  const startConsole = (...args: string[]) =>
    new BackgroundConsole(['cron', 'start', ...args], {
      cwd: workdir.dir,
      databaseUrl: target().url,
    });
  let worker: BackgroundConsole | undefined;
  let instance = '';
  let deadEventId = 0;

  beforeAll(() => assertConsoleBuilt());
  afterAll(async () => {
    await worker?.kill();
    workdir.remove();
  });

  it('prints one started line with its instance, the job count and the workers', async () => {
    worker = startConsole('--workers', '2', '--lease-seconds', '10');
    const [, id, workers] = await worker.waitFor(STARTED);
    instance = id;
    expect(workers).toBe('2');
    expect(worker.stdout).toBe(`Cron started: instance ${instance}, 4 jobs, 2 workers\n`);
  });

  it('is listed as the one live instance by `cron status` from another process', async () => {
    const status = await json<{ instances: Array<Record<string, unknown>> }>('cron', 'status');
    expect(status.instances).toEqual([
      {
        id: instance,
        host: expect.any(String),
        pid: expect.any(Number),
        startedAt: expect.any(String),
        heartbeatAt: expect.any(String),
      },
    ]);
  });

  it('runs an event triggered by another console process', async () => {
    const { eventId } = await json<{ eventId: number }>(
      'cron',
      'trigger',
      'rebuild',
      '--payload',
      '{"dry_run":true}',
    );
    const ran = await poll(
      async () => {
        const runs = await json<RunJson[]>('cron', 'history', '--job', 'rebuild');
        return runs.find((r) => r.eventId === eventId && r.status === 'succeeded');
      },
      `the run of event ${eventId}`,
      10_000,
    );
    expect(ran).toMatchObject({
      instance,
      result: 'rebuilt: dry_run=true',
      error: null,
      attempt: 1,
    });
  });

  it('retries a failing job under its policy until it is a dead letter', async () => {
    const { eventId } = await json<{ eventId: number }>(
      'cron',
      'trigger',
      'wait',
      '--payload',
      '{"fail":true}',
    );
    deadEventId = eventId;
    const dead = await poll(
      async () => {
        const events = await json<EventJson[]>('cron', 'dead-letters');
        return events.find((e) => e.id === eventId);
      },
      `event ${eventId} in the dead letters`,
      20_000,
    );
    expect(dead).toMatchObject({
      job: 'wait',
      status: 'dead_letter',
      attempt: 3,
      payload: { fail: true },
    });
    const runs = await json<RunJson[]>('cron', 'history', '--job', 'wait');
    expect(
      runs.filter((r) => r.eventId === eventId).map((r) => [r.attempt, r.status, r.error]),
    ).toEqual([
      [3, 'failed', 'asked to fail'],
      [2, 'failed', 'asked to fail'],
      [1, 'failed', 'asked to fail'],
    ]);
    const plain = await run('cron', 'dead-letters');
    expect(plain.stdout).toMatch(
      new RegExp(`\\n${eventId}\\s+wait\\s+manual\\s+3\\s+\\S+Z\\s+asked to fail\\n`),
    );
  });

  it('exits 0 on SIGTERM within a few seconds, saying it stopped', async () => {
    worker!.signal('SIGTERM');
    const started = Date.now();
    const exit = await worker!.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(worker!.stdout).toMatch(
      new RegExp(`\\nCron stopped \\(SIGTERM\\): instance ${instance}\\n$`),
    );
    expect(worker!.stderr).toBe('');
  });

  it('is gone from `cron status` once stopped', async () => {
    expect(await json('cron', 'status')).toMatchObject({ instances: [], running: 0 });
  });

  it('puts a dead letter back in the queue with `cron retry`', async () => {
    const result = await run('cron', 'retry', String(deadEventId));
    expect(result).toEqual({
      code: 0,
      stdout: `Event ${deadEventId} (wait) is pending again.\n`,
      stderr: '',
    });
    expect(await json('cron', 'dead-letters')).toEqual([]);
    const again = await run('cron', 'retry', String(deadEventId), '--output', 'json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stderr).error).toMatchObject({ type: 'EventStateError' });
  });

  it('lets a running handler finish before exiting 0 on SIGINT', async () => {
    worker = startConsole();
    const [, id, workers] = await worker.waitFor(STARTED);
    expect(workers).toBe('4');
    const { eventId } = await json<{ eventId: number }>(
      'cron',
      'trigger',
      'wait',
      '--payload',
      '{"ms":1500}',
    );
    await poll(
      async () => {
        const runs = await json<RunJson[]>('cron', 'history', '--job', 'wait');
        return runs.find((r) => r.eventId === eventId && r.status === 'running');
      },
      `event ${eventId} running`,
      10_000,
    );
    worker.signal('SIGINT');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.stdout).toMatch(new RegExp(`\\nCron stopped \\(SIGINT\\): instance ${id}\\n$`));
    const runs = await json<RunJson[]>('cron', 'history', '--job', 'wait');
    expect(runs.find((r) => r.eventId === eventId)).toMatchObject({
      status: 'succeeded',
      result: 'waited 1500',
      instance: id,
    });
  });
});
