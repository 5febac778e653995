import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyArtifacts, ArtifactError, generateArtifacts } from '@registers/cron/artifacts';
import { FakeCrontab } from './support/fake-crontab';
import { cronJob, ctx, intervalJob, manualJob } from './support/jobs';

const jobs = [cronJob('nightly', '0 2 * * *'), intervalJob('tick', 900), manualJob('rebuild')];

describe('applyArtifacts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registers-apply-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('linux_cron (and auto on linux) installs into the crontab', async () => {
    const fake = new FakeCrontab();
    try {
      const generated = generateArtifacts(jobs, 'auto', { ...ctx, platform: 'linux' });
      const r = await applyArtifacts(generated, 'auto', {
        dryRun: false,
        platform: 'linux',
        env: fake.env(),
      });
      expect(r).toMatchObject({ target: 'linux_cron', changed: true, commands: ['crontab -'] });
      expect(r.diff).toContain('+# BEGIN registers-cron');
      expect(fake.stateBytes()!.toString()).toContain('cron run tick --scheduled');
      const again = await applyArtifacts(generated, 'linux_cron', {
        dryRun: false,
        platform: 'linux',
        env: fake.env(),
      });
      expect(again).toEqual({ target: 'linux_cron', changed: false, diff: '', commands: [] });
    } finally {
      fake.remove();
    }
  });

  it('windows_task_scheduler is refused clearly on a non-Windows host', async () => {
    const generated = generateArtifacts(jobs, 'windows_task_scheduler', ctx);
    const error = await applyArtifacts(generated, 'windows_task_scheduler', {
      dryRun: false,
      platform: 'linux',
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error.message).toBe(
      'windows_task_scheduler can only be applied on Windows (this host is linux); use --target linux_cron or generate the XML and import it there',
    );
    expect(error.context).toEqual({ target: 'windows_task_scheduler' });
  });

  it('on win32 writes each XML as UTF-16 and runs schtasks /Create /TN registers-<job> /XML <file> /F', async () => {
    const log = join(dir, 'schtasks.log');
    writeFileSync(join(dir, 'schtasks'), `#!/bin/sh\necho "$*" >> '${log}'\n`);
    chmodSync(join(dir, 'schtasks'), 0o755);
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
    const generated = generateArtifacts(jobs, 'auto', { ...ctx, platform: 'win32' });
    const base = join(dir, 'project');

    const dry = await applyArtifacts(generated, 'auto', {
      dryRun: true,
      platform: 'win32',
      env,
      baseDir: base,
    });
    expect(dry.commands).toEqual([
      `schtasks /Create /TN registers-nightly /XML ${join(base, 'ops/workflows/windows_task_scheduler/nightly.xml')} /F`,
      `schtasks /Create /TN registers-tick /XML ${join(base, 'ops/workflows/windows_task_scheduler/tick.xml')} /F`,
    ]);
    expect(existsSync(log)).toBe(false);
    expect(existsSync(base)).toBe(false);

    const r = await applyArtifacts(generated, 'auto', {
      dryRun: false,
      platform: 'win32',
      env,
      baseDir: base,
    });
    expect(r.target).toBe('windows_task_scheduler');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(
      r.commands.map((c) => c.replace(/^schtasks /, '')),
    );
    const file = readFileSync(join(base, 'ops/workflows/windows_task_scheduler/nightly.xml'));
    expect([...file.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(file.subarray(2).toString('utf16le')).toMatch(
      /^<\?xml version="1.0" encoding="UTF-16"\?>/,
    );
  });

  it('surfaces a schtasks failure', async () => {
    writeFileSync(
      join(dir, 'schtasks'),
      '#!/bin/sh\necho "ERROR: Access is denied." >&2\nexit 1\n',
    );
    chmodSync(join(dir, 'schtasks'), 0o755);
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}` };
    const generated = generateArtifacts(
      [cronJob('nightly', '0 2 * * *')],
      'windows_task_scheduler',
      ctx,
    );
    const error = await applyArtifacts(generated, 'windows_task_scheduler', {
      dryRun: false,
      platform: 'win32',
      env,
      baseDir: dir,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error.message).toMatch(
      /schtasks \/Create \/TN registers-nightly .* failed \(exit 1\): ERROR: Access is denied\.$/,
    );
    expect(error.context).toEqual({ target: 'windows_task_scheduler', job: 'nightly' });
  });

  it.each(['systemd', 'github_actions', 'kubernetes'] as const)(
    '%s is applied by its own tool',
    async (target) => {
      const generated = generateArtifacts(jobs, target, ctx);
      await expect(
        applyArtifacts(generated, target, { dryRun: false, platform: 'linux' }),
      ).rejects.toThrow(
        `${target} artifacts are applied by their own tool: write them with \`cron generate --target ${target} --write\``,
      );
    },
  );

  it('local_async has nothing to apply', async () => {
    const generated = generateArtifacts(jobs, 'local_async', ctx);
    expect(await applyArtifacts(generated, 'local_async', { dryRun: false })).toEqual({
      target: 'local_async',
      changed: false,
      diff: '',
      commands: [],
    });
  });
});
