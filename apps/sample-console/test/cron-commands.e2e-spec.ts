/**
 * The `cron …` commands of the built sample console (SPEC 4.3 / 5.2 / 5.3), run as child
 * processes against each dialect. No process here runs `cron start`: every command either
 * reads the cron state, enqueues, or runs a job in its own process now. The tests of one
 * dialect form a story over one fresh database, so they run in order.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { cronConsole } from './support/cron-console';
import { assertConsoleBuilt, makeTempDir, runConsole } from './support/run-console';

jest.setTimeout(60_000);

const JOBS = ['rebuild', 'nightly', 'heartbeat', 'wait'];
const STATUS_KEYS = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'deadLetter',
  'skipped',
  'runs',
  'instances',
];
const RUN_KEYS = [
  'id',
  'job',
  'eventId',
  'attempt',
  'status',
  'startedAt',
  'finishedAt',
  'durationMs',
  'result',
  'error',
  'instance',
];
const UNKNOWN_JOB = "Error: Unknown job 'nope'. Known jobs: rebuild, nightly, heartbeat, wait.\n";
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

interface RunJson {
  id: number;
  job: string;
  eventId: number;
  attempt: number;
  status: string;
  result: unknown;
  error: string | null;
  instance: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

describeEachDialect('sample console cron commands', (target) => {
  const workdir = makeTempDir('sample-console-cron-');
  const { run, json } = cronConsole(workdir.dir, () => target().url);

  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  describe('jobs and status', () => {
    it('lists the four console jobs as a bare JSON array', async () => {
      const jobs = await json<Array<Record<string, unknown>>>('cron', 'jobs');
      expect(jobs.map((j) => j.name)).toEqual(JOBS);
      expect(jobs.find((j) => j.name === 'nightly')).toMatchObject({
        kind: 'cron',
        trigger: 'cron 0 2 * * * (UTC)',
        paused: false,
        next: expect.stringMatching(/T02:00:00\.000Z$/),
      });
      expect(jobs.find((j) => j.name === 'heartbeat')).toMatchObject({
        trigger: 'cron 0 */5 * * * * (UTC)',
      });
      expect(jobs.find((j) => j.name === 'wait')).toMatchObject({ kind: 'manual', next: null });
    });

    it('prints one readable row per job in plain mode', async () => {
      const result = await run('cron', 'jobs');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const rows = result.stdout.trimEnd().split('\n');
      expect(rows).toHaveLength(1 + JOBS.length);
      expect(rows[0]).toMatch(/^name\s+trigger\s+next\s+state\s+retry$/);
      expect(rows[1]).toMatch(/^rebuild\s+manual\s+active\s+none$/);
      expect(rows[2]).toMatch(
        /^nightly\s+cron 0 2 \* \* \* \(UTC\)\s+\S+Z\s+active\s+exponential ×5/,
      );
    });

    it('reports a fresh database as exactly { pending, running, succeeded, failed, deadLetter, skipped, runs, instances }', async () => {
      const status = await json('cron', 'status');
      expect(Object.keys(status)).toEqual(STATUS_KEYS);
      expect(status).toEqual({
        pending: 0,
        running: 0,
        succeeded: 0,
        failed: 0,
        deadLetter: 0,
        skipped: 0,
        runs: 0,
        instances: [],
      });
    });
  });

  describe('trigger', () => {
    it('enqueues an event and prints "Triggered <job>: event <id>"', async () => {
      const result = await run('cron', 'trigger', 'rebuild');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Triggered rebuild: event \d+\n$/);
    });

    it('returns the first event again for a repeated --idempotency-key', async () => {
      const first = await json<{ job: string; eventId: number }>(
        'cron',
        'trigger',
        'wait',
        '--payload',
        '{"ms":1}',
        '--idempotency-key',
        'deploy-42',
      );
      const again = await json<{ job: string; eventId: number }>(
        'cron',
        'trigger',
        'wait',
        '--idempotency-key',
        'deploy-42',
      );
      expect(first).toEqual({ job: 'wait', eventId: expect.any(Number) });
      expect(again).toEqual(first);
    });

    it('leaves the events pending: no worker runs outside `cron start`', async () => {
      const status = await json('cron', 'status');
      expect(status).toMatchObject({
        pending: 2,
        running: 0,
        succeeded: 0,
        runs: 0,
        instances: [],
      });
    });
  });

  describe('run', () => {
    it('runs rebuild now with the JSON payload and prints the run and its result', async () => {
      const result = await run('cron', 'run', 'rebuild', '--payload', '{"dry_run":true}');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        /^Ran rebuild: succeeded \(event \d+, attempt 1\)\nResult: rebuilt: dry_run=true\n$/,
      );
    });

    it('passes {} without --payload, and reads dryRun as well as dry_run', async () => {
      expect((await run('cron', 'run', 'rebuild')).stdout).toMatch(
        /Result: rebuilt: dry_run=false\n$/,
      );
      expect((await run('cron', 'run', 'rebuild', '--payload', '{"dryRun":true}')).stdout).toMatch(
        /Result: rebuilt: dry_run=true\n$/,
      );
    });

    it('runs wait for the given milliseconds', async () => {
      const result = await run('cron', 'run', 'wait', '--payload', '{"ms":10}');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        /^Ran wait: succeeded \(event \d+, attempt 1\)\nResult: waited 10\n$/,
      );
    });

    it('returns the run in json mode', async () => {
      const out = await json('cron', 'run', 'wait', '--payload', '{"ms":1}');
      expect(out).toMatchObject({
        job: 'wait',
        eventId: expect.any(Number),
        alreadyHandled: false,
        scheduledAt: null,
        run: { job: 'wait', status: 'succeeded', attempt: 1, result: 'waited 1', error: null },
      });
    });

    it('exits 1 when the run fails, with the run on stdout and its error on stderr', async () => {
      const result = await run('cron', 'run', 'wait', '--payload', '{"fail":true}');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^Ran wait: failed \(event \d+, attempt 1\)\n$/);
      expect(result.stderr).toBe('Error: asked to fail\n');
    });

    it('reports a failed run as a JSON error in json mode', async () => {
      const result = await run(
        'cron',
        'run',
        'wait',
        '--payload',
        '{"fail":true}',
        '--output',
        'json',
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(JSON.parse(result.stderr)).toEqual({
        error: {
          type: 'JobRunFailedError',
          message: 'asked to fail',
          context: {
            job: 'wait',
            eventId: expect.any(Number),
            attempt: 1,
            status: 'failed',
            command: 'cron run',
          },
        },
      });
    });

    it('refuses a --payload that is not JSON as a usage error (exit 2) and enqueues nothing', async () => {
      const before = await json<{ pending: number; runs: number }>('cron', 'status');
      for (const command of ['run', 'trigger']) {
        const result = await run('cron', command, 'rebuild', '--payload', '{dry_run:true}');
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^Error: --payload is not valid JSON: /);
      }
      const after = await json<{ pending: number; runs: number }>('cron', 'status');
      expect(after).toMatchObject({ pending: before.pending, runs: before.runs });
    });

    it('exits 1 naming the known jobs for an unknown job', async () => {
      for (const args of [
        ['run', 'nope'],
        ['trigger', 'nope'],
        ['pause', 'nope'],
        ['explain', 'nope'],
      ]) {
        const result = await run('cron', ...args);
        expect(result).toEqual({ code: 1, stdout: '', stderr: UNKNOWN_JOB });
      }
    });

    it('counts what ran: events by state, runs, no instance', async () => {
      // pending: the rebuild trigger, the idempotent wait and the two failed waits (their retries).
      expect(await json('cron', 'status')).toEqual({
        pending: 4,
        running: 0,
        succeeded: 5,
        failed: 0,
        deadLetter: 0,
        skipped: 0,
        runs: 7,
        instances: [],
      });
    });
  });

  describe('history', () => {
    it('prints the runs newest first as a bare JSON array of run rows', async () => {
      const runs = await json<RunJson[]>('cron', 'history');
      expect(runs).toHaveLength(7);
      for (const r of runs) {
        expect(Object.keys(r)).toEqual(RUN_KEYS);
        expect(r.startedAt).toMatch(ISO);
        expect(r.finishedAt).toMatch(ISO);
        expect(typeof r.durationMs).toBe('number');
        expect(typeof r.instance).toBe('string');
      }
      expect(runs.map((r) => r.id)).toEqual([...runs.map((r) => r.id)].sort((a, b) => b - a));
      expect(runs[0]).toMatchObject({
        job: 'wait',
        status: 'failed',
        error: 'asked to fail',
        result: null,
      });
      expect(runs.at(-1)).toMatchObject({
        job: 'rebuild',
        status: 'succeeded',
        result: 'rebuilt: dry_run=true',
        error: null,
      });
    });

    it('filters by --job, also by a name this console does not declare, and honours --limit', async () => {
      const waits = await json<RunJson[]>('cron', 'history', '--job', 'wait');
      expect(waits).toHaveLength(4);
      expect(new Set(waits.map((r) => r.job))).toEqual(new Set(['wait']));
      expect(await json('cron', 'history', '--job', 'deploy-hook')).toEqual([]);
      expect(await json('cron', 'history', '--limit', '2')).toHaveLength(2);
    });

    it('prints aligned rows in plain mode, and a sentence when there are none', async () => {
      const result = await run('cron', 'history', '--job', 'rebuild');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const rows = result.stdout.trimEnd().split('\n');
      expect(rows[0]).toMatch(/^id\s+job\s+event\s+attempt\s+status\s+startedAt\s+ms\s+outcome$/);
      expect(rows.slice(1)).toHaveLength(3);
      expect(rows[3]).toMatch(
        /rebuild\s+\d+\s+1\s+succeeded\s+\S+Z\s+\d+\s+rebuilt: dry_run=true$/,
      );
      expect(await run('cron', 'history', '--job', 'nightly')).toEqual({
        code: 0,
        stdout: 'No runs of nightly recorded.\n',
        stderr: '',
      });
    });

    it('refuses a --limit below 1 as a usage error', async () => {
      expect((await run('cron', 'history', '--limit', '0')).code).toBe(2);
    });
  });

  describe('dead letters and retry without a worker', () => {
    it('has no dead letters yet: an empty JSON array, a sentence in plain mode', async () => {
      expect(await json('cron', 'dead-letters')).toEqual([]);
      expect((await run('cron', 'dead-letters')).stdout).toBe('No dead letters.\n');
    });

    it('refuses to retry an unknown event or one that is still pending (exit 1)', async () => {
      expect(await run('cron', 'retry', '999999')).toEqual({
        code: 1,
        stdout: '',
        stderr: 'Error: No event with id 999999.\n',
      });
      const { eventId } = await json<{ eventId: number }>('cron', 'trigger', 'rebuild');
      const pending = await run('cron', 'retry', String(eventId));
      expect(pending.code).toBe(1);
      expect(pending.stderr).toBe(
        `Error: Event ${eventId} is pending; only failed or dead_letter events can be retried.\n`,
      );
    });
  });

  describe('pause and resume', () => {
    it('pauses a job: jobs shows it paused and triggers are refused', async () => {
      expect(await run('cron', 'pause', 'nightly')).toEqual({
        code: 0,
        stdout: 'Paused nightly.\n',
        stderr: '',
      });
      const jobs = await json<Array<{ name: string; paused: boolean }>>('cron', 'jobs');
      expect(jobs.find((j) => j.name === 'nightly')?.paused).toBe(true);
      const refused = await run('cron', 'trigger', 'nightly');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toBe(
        "Error: Job 'nightly' is paused; run `cron resume nightly` first.\n",
      );
    });

    it('resumes it', async () => {
      expect(await json('cron', 'resume', 'nightly')).toEqual({ job: 'nightly', paused: false });
      const jobs = await json<Array<{ name: string; paused: boolean }>>('cron', 'jobs');
      expect(jobs.find((j) => j.name === 'nightly')?.paused).toBe(false);
      expect((await run('cron', 'trigger', 'nightly')).stdout).toMatch(
        /^Triggered nightly: event \d+\n$/,
      );
    });
  });

  describe('explain', () => {
    it('lists the next --count fires in UTC and in the job zone', async () => {
      const fires = await json<Array<{ at: string; local: string }>>(
        'cron',
        'explain',
        'nightly',
        '--count',
        '3',
      );
      expect(fires).toHaveLength(3);
      for (const fire of fires) {
        expect(fire.at).toMatch(/^\d{4}-\d\d-\d\dT02:00:00\.000Z$/);
        expect(fire.local).toMatch(/^\d{4}-\d\d-\d\d 02:00:00\+00:00$/);
      }
      const days = fires.map((f) => Date.parse(f.at));
      expect(days[1] - days[0]).toBe(86_400_000);
      expect(days[2] - days[1]).toBe(86_400_000);
    });

    it('explains five fires by default in plain mode', async () => {
      const result = await run('cron', 'explain', 'heartbeat');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      const rows = result.stdout.trimEnd().split('\n');
      expect(rows).toHaveLength(6);
      expect(rows[1]).toMatch(/^\S+:(00|05|10|15|20|25|30|35|40|45|50|55):00\.000Z\s/);
    });

    it('exits 1 for a manual job, which has no schedule', async () => {
      expect(await run('cron', 'explain', 'rebuild')).toEqual({
        code: 1,
        stdout: '',
        stderr: "Error: Job 'rebuild' has no schedule (it is not a cron or interval job).\n",
      });
    });
  });

  describe('run --scheduled', () => {
    // A yearly schedule keeps "the fire due now" the same for the whole test.
    const yearly = { HEARTBEAT_CRON: '0 0 1 1 *' };
    const fire = `${new Date().getUTCFullYear()}-01-01T00:00:00.000Z`;
    const runScheduled = () =>
      runConsole(['cron', 'run', 'heartbeat', '--scheduled'], {
        cwd: workdir.dir,
        databaseUrl: target().url,
        env: yearly,
      });

    it('runs the fire that is due now under its key', async () => {
      const result = await runScheduled();
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        new RegExp(
          `^Ran heartbeat: succeeded \\(event \\d+, attempt 1\\)\\nResult: beat ${fire}\\n$`,
        ),
      );
    });

    it('says the fire was already run the second time, exits 0, and runs nothing', async () => {
      const result = await runScheduled();
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        new RegExp(
          `^heartbeat: the fire at ${fire} was already run \\(event \\d+\\); nothing to do\\.\\n$`,
        ),
      );
      const runs = await json<RunJson[]>('cron', 'history', '--job', 'heartbeat');
      expect(runs).toEqual([
        expect.objectContaining({ status: 'succeeded', result: `beat ${fire}` }),
      ]);
    });

    it('refuses --scheduled for a manual job (exit 1)', async () => {
      const result = await run('cron', 'run', 'rebuild', '--scheduled');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Error: Job 'rebuild' has no schedule/);
    });
  });

  describe('workflows', () => {
    it('lists none on a fresh database', async () => {
      expect(await json('cron', 'workflows')).toEqual([]);
      expect((await run('cron', 'workflows')).stdout).toBe('No workflows registered.\n');
    });

    it('registers a job workflow and a command workflow', async () => {
      expect(
        await run(
          'cron',
          'register-workflow',
          'report',
          '--file',
          'reports/nightly.sql',
          '--job',
          'rebuild',
        ),
      ).toEqual({
        code: 0,
        stdout: 'Registered workflow report: reports/nightly.sql, runs job rebuild\n',
        stderr: '',
      });
      expect(
        await run(
          'cron',
          'register-workflow',
          'hello',
          '--file',
          'scripts/hello.sh',
          '--command',
          'echo hi',
        ),
      ).toMatchObject({
        code: 0,
        stdout: 'Registered workflow hello: scripts/hello.sh, runs command echo hi\n',
      });
    });

    it('needs exactly one of --job and --command (usage error) and a declared job (exit 1)', async () => {
      const neither = await run('cron', 'register-workflow', 'x', '--file', 'x.sh');
      expect(neither.code).toBe(2);
      expect(neither.stderr).toMatch(
        /^Error: Give exactly one of --job <job> or --command <shell command>\./,
      );
      expect(
        (
          await run(
            'cron',
            'register-workflow',
            'x',
            '--file',
            'x.sh',
            '--job',
            'rebuild',
            '--command',
            'ls',
          )
        ).code,
      ).toBe(2);
      expect(
        await run('cron', 'register-workflow', 'x', '--file', 'x.sh', '--job', 'nope'),
      ).toEqual({
        code: 1,
        stdout: '',
        stderr: UNKNOWN_JOB,
      });
    });

    it('lists the workflows by name as a bare JSON array', async () => {
      const workflows = await json<Array<Record<string, unknown>>>('cron', 'workflows');
      expect(workflows).toEqual([
        {
          name: 'hello',
          file: 'scripts/hello.sh',
          job: null,
          command: 'echo hi',
          createdAt: expect.stringMatching(ISO),
        },
        {
          name: 'report',
          file: 'reports/nightly.sql',
          job: 'rebuild',
          command: null,
          createdAt: expect.stringMatching(ISO),
        },
      ]);
    });

    it('runs a job workflow by triggering its job', async () => {
      const result = await run(
        'cron',
        'run-workflow',
        'report',
        '--payload',
        '{"day":"2026-05-01"}',
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Triggered rebuild for workflow report: event \d+\n$/);
    });

    it("runs a command workflow, prints its output and exits with the command's code", async () => {
      expect(await run('cron', 'run-workflow', 'hello')).toEqual({
        code: 0,
        stdout: 'hi\n',
        stderr: '',
      });
      await run(
        'cron',
        'register-workflow',
        'broken',
        '--file',
        'b.sh',
        '--command',
        'echo partial; exit 3',
      );
      expect(await run('cron', 'run-workflow', 'broken')).toEqual({
        code: 3,
        stdout: 'partial\n',
        stderr: "Error: Workflow 'broken': `echo partial; exit 3` exited with code 3\n",
      });
    });

    it('exits 1 for an unknown workflow, naming the registered ones', async () => {
      expect(await run('cron', 'run-workflow', 'nope')).toEqual({
        code: 1,
        stdout: '',
        stderr: "Error: Unknown workflow 'nope'. Registered workflows: broken, hello, report.\n",
      });
    });
  });
});
