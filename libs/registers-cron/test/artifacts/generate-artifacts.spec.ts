import {
  ArtifactError,
  generateArtifacts,
  LOCAL_ASYNC_REASON,
  resolveTarget,
  type ArtifactTarget,
} from '@registers/cron/artifacts';
import { cronJob, ctx, intervalJob, manualJob, webhookJob } from './support/jobs';

describe('generateArtifacts', () => {
  const jobs = [cronJob('nightly', '0 2 * * *'), intervalJob('tick', 300), manualJob('rebuild')];

  it('auto is crontab on linux and Task Scheduler on win32', () => {
    const linux = generateArtifacts(jobs, 'auto', { ...ctx, platform: 'linux' });
    expect(linux.artifacts.map((a) => [a.target, a.path])).toEqual([
      ['linux_cron', 'ops/workflows/linux_cron/nightly.cron'],
      ['linux_cron', 'ops/workflows/linux_cron/tick.cron'],
    ]);
    expect(linux.skipped).toEqual([
      { job: 'rebuild', target: 'linux_cron', reason: 'manual job has no schedule' },
    ]);

    const windows = generateArtifacts(jobs, 'auto', { ...ctx, platform: 'win32' });
    expect(windows.artifacts.map((a) => [a.target, a.path])).toEqual([
      ['windows_task_scheduler', 'ops/workflows/windows_task_scheduler/nightly.xml'],
      ['windows_task_scheduler', 'ops/workflows/windows_task_scheduler/tick.xml'],
    ]);
    expect(windows.skipped.map((s) => s.target)).toEqual(['windows_task_scheduler']);

    expect(resolveTarget('auto', 'darwin')).toBe('linux_cron');
    expect(resolveTarget('auto', 'win32')).toBe('windows_task_scheduler');
    expect(resolveTarget('systemd', 'win32')).toBe('systemd');
  });

  it('local_async skips every job: it runs in-process', () => {
    const r = generateArtifacts([...jobs, webhookJob('deploy')], 'local_async', ctx);
    expect(r.artifacts).toEqual([]);
    expect(r.skipped).toEqual(
      ['nightly', 'tick', 'rebuild', 'deploy'].map((job) => ({
        job,
        target: 'local_async',
        reason: LOCAL_ASYNC_REASON,
      })),
    );
    expect(LOCAL_ASYNC_REASON).toBe('local_async runs in-process; nothing to generate');
  });

  it('puts each file at ops/workflows/<target>/<job>.<ext> unless the job has a deploymentFile', () => {
    const expected: [ArtifactTarget, string[]][] = [
      ['linux_cron', ['ops/workflows/linux_cron/nightly.cron']],
      ['systemd', ['ops/workflows/systemd/nightly.service', 'ops/workflows/systemd/nightly.timer']],
      ['github_actions', ['ops/workflows/github_actions/nightly.yml']],
      ['kubernetes', ['ops/workflows/kubernetes/nightly.yaml']],
      ['windows_task_scheduler', ['ops/workflows/windows_task_scheduler/nightly.xml']],
    ];
    for (const [target, paths] of expected) {
      expect(
        generateArtifacts([cronJob('nightly', '0 2 * * *')], target, ctx).artifacts.map(
          (a) => a.path,
        ),
      ).toEqual(paths);
      const file = `deploy/nightly-${target}.${target === 'systemd' ? 'service' : 'x'}`;
      const own = generateArtifacts(
        [cronJob('nightly', '0 2 * * *', 'UTC', { deploymentFile: file })],
        target,
        ctx,
      );
      expect(own.artifacts[0].path).toBe(file);
    }
  });

  it('refuses a systemd deploymentFile that is not a .service unit', () => {
    const r = generateArtifacts(
      [cronJob('nightly', '0 2 * * *', 'UTC', { deploymentFile: 'deploy/nightly.unit' })],
      'systemd',
      ctx,
    );
    expect(r.artifacts).toEqual([]);
    expect(r.skipped[0].reason).toMatch(
      /^job 'nightly': 'nightly.unit' is not a systemd service unit name/,
    );
  });

  it('refuses a job whose default path would leave its folder, and two jobs with one file', () => {
    const r = generateArtifacts(
      [
        cronJob('../evil', '0 2 * * *'),
        cronJob('a', '0 2 * * *', 'UTC', { deploymentFile: 'ops/shared.cron' }),
        cronJob('b', '0 3 * * *', 'UTC', { deploymentFile: 'ops/shared.cron' }),
      ],
      'linux_cron',
      ctx,
    );
    expect(r.artifacts.map((a) => a.job)).toEqual(['a']);
    expect(r.skipped).toEqual([
      {
        job: '../evil',
        target: 'linux_cron',
        reason: 'job name "../evil" cannot be a file name; set deploymentFile',
      },
      {
        job: 'b',
        target: 'linux_cron',
        reason: "ops/shared.cron is already the file of job 'a'; set a different deploymentFile",
      },
    ]);
  });

  it('throws an ArtifactError for an unknown target', () => {
    expect(() => generateArtifacts(jobs, 'cloud' as ArtifactTarget, ctx)).toThrow(ArtifactError);
    expect(() => generateArtifacts(jobs, 'cloud' as ArtifactTarget, ctx)).toThrow(
      /unknown target 'cloud'/,
    );
  });

  it('is pure: the same input gives the same output', () => {
    for (const target of [
      'linux_cron',
      'systemd',
      'github_actions',
      'kubernetes',
      'windows_task_scheduler',
    ] as const) {
      expect(generateArtifacts(jobs, target, ctx)).toEqual(generateArtifacts(jobs, target, ctx));
    }
  });
});
