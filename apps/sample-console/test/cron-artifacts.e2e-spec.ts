/**
 * `cron generate` and `cron apply` of the built sample console (SPEC 4.3 / 5.3): deployment
 * artifacts that call back into this console with `cron run <job> --scheduled`. They read
 * the job declarations only, so one run (no database) covers every dialect; a fake `crontab`
 * on PATH stands in for the user's crontab.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertConsoleBuilt,
  CONSOLE_MAIN,
  listFiles,
  makeTempDir,
  runConsole,
} from './support/run-console';

jest.setTimeout(60_000);

const SKIPPED_MANUAL = (target: string) =>
  `Skipped rebuild (${target}): manual job has no schedule\nSkipped wait (${target}): manual job has no schedule\n`;

interface ArtifactJson {
  target: string;
  job: string;
  path: string;
  content: string;
}

describe('sample console cron generate and apply', () => {
  const workdir = makeTempDir('sample-console-cron-artifacts-');
  const run = (...args: string[]) => runConsole(args, { cwd: workdir.dir });
  const command = `node ${CONSOLE_MAIN}`;

  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  describe('generate', () => {
    it('prints a crontab entry per scheduled job under a # <path> header, skipping manual jobs on stderr', async () => {
      const result = await run('cron', 'generate', '--target', 'linux_cron');
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(SKIPPED_MANUAL('linux_cron'));
      const out = result.stdout.split('\n');
      expect(out[0]).toBe('# ops/workflows/linux_cron/nightly.cron');
      expect(out).toContain('# ops/workflows/linux_cron/heartbeat.cron');
      expect(out).toContain(
        `0 2 * * * cd ${workdir.dir} && ${command} cron run nightly --scheduled`,
      );
      expect(out).toContain(
        `*/5 * * * * cd ${workdir.dir} && ${command} cron run heartbeat --scheduled`,
      );
    });

    it('prints systemd service and timer units', async () => {
      const result = await run('cron', 'generate', '--target', 'systemd', '--job', 'nightly');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain('# ops/workflows/systemd/nightly.service\n');
      expect(result.stdout).toContain('# ops/workflows/systemd/nightly.timer\n');
      expect(result.stdout).toContain('[Service]\n');
      expect(result.stdout).toContain('[Timer]\n');
      expect(result.stdout).toMatch(/^OnCalendar=\*-\*-\* 02:00:00 UTC$/m);
      expect(result.stdout).toContain(`ExecStart=${command} cron run nightly --scheduled\n`);
      expect(result.stdout).toContain(`WorkingDirectory=${workdir.dir}\n`);
    });

    it('prints a GitHub Actions workflow with schedule and workflow_dispatch', async () => {
      const result = await run(
        'cron',
        'generate',
        '--target',
        'github_actions',
        '--job',
        'nightly',
      );
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^# ops\/workflows\/github_actions\/nightly\.yml\n/);
      expect(result.stdout).toMatch(/^ {2}schedule:\n {4}- cron: '0 2 \* \* \*'$/m);
      expect(result.stdout).toMatch(/^ {2}workflow_dispatch:/m);
      expect(result.stdout).toContain('cron run nightly --scheduled');
    });

    it('prints a Kubernetes CronJob with the schedule, its zone and concurrencyPolicy: Forbid', async () => {
      const result = await run('cron', 'generate', '--target', 'kubernetes', '--job', 'heartbeat');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^# ops\/workflows\/kubernetes\/heartbeat\.yaml\n/);
      for (const line of [
        'apiVersion: batch/v1',
        'kind: CronJob',
        "  schedule: '*/5 * * * *'",
        '  timeZone: UTC',
        '  concurrencyPolicy: Forbid',
      ]) {
        expect(result.stdout.split('\n')).toContain(line);
      }
    });

    it('returns the artifacts as a JSON array in json mode', async () => {
      const result = await run('cron', 'generate', '--target', 'linux_cron', '--output', 'json');
      expect(result.code).toBe(0);
      const artifacts = JSON.parse(result.stdout) as ArtifactJson[];
      expect(artifacts.map((a) => [a.target, a.job, a.path])).toEqual([
        ['linux_cron', 'nightly', 'ops/workflows/linux_cron/nightly.cron'],
        ['linux_cron', 'heartbeat', 'ops/workflows/linux_cron/heartbeat.cron'],
      ]);
      expect(artifacts[0].content).toContain('cron run nightly --scheduled');
    });

    it("uses each job's own target without --target (local_async: nothing to generate)", async () => {
      const result = await run('cron', 'generate');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Nothing to generate.\n');
      expect(result.stderr).toMatch(
        /^Skipped rebuild \(local_async\): local_async runs in-process/,
      );
    });

    it('exits 2 for an unknown --target and 1 for an unknown --job', async () => {
      const target = await run('cron', 'generate', '--target', 'cronjob');
      expect(target.code).toBe(2);
      expect(target.stderr).toMatch(
        /^Error: Invalid value 'cronjob' for argument 'target': choose from local_async, linux_cron, /,
      );
      expect((await run('cron', 'apply', '--target', 'cronjob', '--dry-run')).code).toBe(2);
      const job = await run('cron', 'generate', '--target', 'linux_cron', '--job', 'nope');
      expect(job).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^Error: Unknown job 'nope'/),
      });
    });

    it('writes each artifact to its path under the working directory with --write', async () => {
      const result = await run('cron', 'generate', '--target', 'kubernetes', '--write');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(
        'Wrote ops/workflows/kubernetes/nightly.yaml\nWrote ops/workflows/kubernetes/heartbeat.yaml\n',
      );
      const printed = JSON.parse(
        (await run('cron', 'generate', '--target', 'kubernetes', '--output', 'json')).stdout,
      ) as ArtifactJson[];
      for (const artifact of printed) {
        expect(readFileSync(join(workdir.dir, artifact.path), 'utf8')).toBe(artifact.content);
      }
    });

    it('opens no database', () => {
      expect(listFiles(workdir.dir).filter((f) => !f.startsWith('ops/'))).toEqual([]);
    });
  });

  describe('apply --target linux_cron with a fake crontab', () => {
    const bin = join(workdir.dir, 'bin');
    const crontab = join(workdir.dir, 'crontab.txt');
    const calls = join(workdir.dir, 'crontab-calls.txt');
    const installed = 'MAILTO=ops@example.com\n17 * * * * /usr/local/bin/rotate-logs\n';
    const apply = (...args: string[]) =>
      runConsole(['cron', 'apply', '--target', 'linux_cron', ...args], {
        cwd: workdir.dir,
        env: {
          PATH: `${bin}:${process.env.PATH}`,
          FAKE_CRONTAB: crontab,
          FAKE_CRONTAB_CALLS: calls,
        },
      });

    beforeAll(() => {
      mkdirSync(bin, { recursive: true });
      writeFileSync(
        join(bin, 'crontab'),
        [
          '#!/bin/sh',
          'echo "crontab $*" >> "$FAKE_CRONTAB_CALLS"',
          'case "$1" in',
          '  -l) [ -f "$FAKE_CRONTAB" ] || { echo "no crontab for tester" >&2; exit 1; }; cat "$FAKE_CRONTAB" ;;',
          '  -) cat > "$FAKE_CRONTAB" ;;',
          '  *) echo "unexpected: $*" >&2; exit 64 ;;',
          'esac',
          '',
        ].join('\n'),
      );
      chmodSync(join(bin, 'crontab'), 0o755);
      writeFileSync(crontab, installed);
    });

    it('prints the diff and changes nothing with --dry-run', async () => {
      const result = await apply('--dry-run');
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(SKIPPED_MANUAL('linux_cron'));
      const out = result.stdout.split('\n');
      expect(out.slice(0, 2)).toEqual(['--- crontab (installed)', '+++ crontab (registers-cron)']);
      expect(out).toContain(' MAILTO=ops@example.com');
      expect(out).toContain('+# BEGIN registers-cron');
      expect(out).toContain(
        `+0 2 * * * cd ${workdir.dir} && ${command} cron run nightly --scheduled`,
      );
      expect(out).toContain('+# END registers-cron');
      expect(out).toContain('Dry run: linux_cron not changed.');
      expect(readFileSync(crontab, 'utf8')).toBe(installed);
      expect(readFileSync(calls, 'utf8')).toBe('crontab -l\n');
    });

    it('installs the block after the existing lines, then finds nothing to change', async () => {
      const result = await apply();
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/\nApplied to linux_cron\.\n$/);
      const content = readFileSync(crontab, 'utf8');
      expect(content.startsWith(installed)).toBe(true);
      expect(content).toContain(
        `*/5 * * * * cd ${workdir.dir} && ${command} cron run heartbeat --scheduled\n`,
      );
      expect(content.endsWith('# END registers-cron\n')).toBe(true);
      const again = await apply('--output', 'json');
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout)).toEqual({
        target: 'linux_cron',
        changed: false,
        diff: '',
        commands: [],
        dryRun: false,
      });
      expect(readFileSync(crontab, 'utf8')).toBe(content);
    });

    it('refuses targets installed by their own tools (exit 1)', async () => {
      const result = await run('cron', 'apply', '--target', 'systemd');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^Error: systemd artifacts are applied by their own tool/m);
      expect(existsSync(join(workdir.dir, 'ops/workflows/systemd'))).toBe(false);
    });
  });
});
