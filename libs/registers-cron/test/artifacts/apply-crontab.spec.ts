import {
  applyCrontab,
  ArtifactError,
  CRONTAB_BEGIN,
  CRONTAB_END,
  generateArtifacts,
  type Artifact,
} from '@registers/cron/artifacts';
import { parseCrontab } from './support/crontab-checker';
import { FakeCrontab } from './support/fake-crontab';
import { cronJob, ctx, intervalJob } from './support/jobs';

const artifactsFor = (expression = '0 2 * * *'): Artifact[] =>
  generateArtifacts(
    [cronJob('nightly', expression), intervalJob('tick', 900, 300)],
    'linux_cron',
    ctx,
  ).artifacts;

// A user's crontab with odd bytes: Latin-1 text, a CRLF line, tabs, trailing blanks, no final comment.
const USER_BEFORE = Buffer.concat([
  Buffer.from('MAILTO=ops@example.com\n# caf', 'utf8'),
  Buffer.from([0xe9]), // 'é' in Latin-1, not valid UTF-8
  Buffer.from(' backup\n15 3 * * *\t/usr/local/bin/backup  \r\n\n@reboot /usr/bin/true\n', 'utf8'),
]);

describe('applyCrontab with a fake crontab program', () => {
  let fake: FakeCrontab;
  beforeEach(() => {
    fake = new FakeCrontab();
  });
  afterEach(() => fake.remove());

  it('creates the block at the end of an empty crontab ("no crontab for root")', async () => {
    const r = await applyCrontab(artifactsFor(), { dryRun: false, env: fake.env() });
    expect(r.changed).toBe(true);
    expect(fake.calls()).toEqual(['-l', '-']);
    const installed = fake.stateBytes()!.toString('utf8');
    expect(installed).toBe(r.content);
    expect(installed.startsWith(`${CRONTAB_BEGIN}\n`)).toBe(true);
    expect(installed.endsWith(`${CRONTAB_END}\n`)).toBe(true);
    const entries = parseCrontab(installed);
    expect(entries.map((e) => e.fields.join(' '))).toEqual(['0 2 * * *', '5-59/15 * * * *']);
    expect(entries[0].command).toContain('cron run nightly --scheduled');
  });

  it('keeps every other byte of the user crontab and inserts the block once', async () => {
    fake.setState(USER_BEFORE);
    const r = await applyCrontab(artifactsFor(), { dryRun: false, env: fake.env() });
    expect(r.changed).toBe(true);
    const after = fake.stateBytes()!;
    expect(after.subarray(0, USER_BEFORE.length).equals(USER_BEFORE)).toBe(true);
    const rest = after.subarray(USER_BEFORE.length).toString('utf8');
    expect(rest.startsWith(`${CRONTAB_BEGIN}\n`)).toBe(true);
    expect(rest.split(CRONTAB_BEGIN)).toHaveLength(2);
    expect(rest.endsWith(`${CRONTAB_END}\n`)).toBe(true);
  });

  it('is idempotent: a second apply reports no change and does not install', async () => {
    fake.setState(USER_BEFORE);
    await applyCrontab(artifactsFor(), { dryRun: false, env: fake.env() });
    const once = fake.stateBytes()!;
    fake.clearCalls();
    const again = await applyCrontab(artifactsFor(), { dryRun: false, env: fake.env() });
    expect(again).toMatchObject({ changed: false, diff: '' });
    expect(fake.calls()).toEqual(['-l']);
    expect(fake.stateBytes()!.equals(once)).toBe(true);
  });

  it('a changed expression replaces only the block, wherever the user moved it', async () => {
    await applyCrontab(artifactsFor(), { dryRun: false, env: fake.env() });
    const block = fake.stateBytes()!;
    const head = Buffer.from('# mine\n*/5 * * * * /bin/a\n');
    const tail = Buffer.from('0 0 * * 0 /bin/b # after the block\n');
    fake.setState(Buffer.concat([head, block, tail]));

    const r = await applyCrontab(artifactsFor('30 4 * * *'), { dryRun: false, env: fake.env() });
    expect(r.changed).toBe(true);
    const after = fake.stateBytes()!;
    expect(after.subarray(0, head.length).equals(head)).toBe(true);
    expect(after.subarray(after.length - tail.length).equals(tail)).toBe(true);
    const text = after.toString('utf8');
    expect(text).toContain('30 4 * * * cd /srv/app');
    expect(text).not.toContain('0 2 * * * cd /srv/app');
    expect(parseCrontab(text).map((e) => e.fields.join(' '))).toEqual([
      '*/5 * * * *',
      '30 4 * * *',
      '5-59/15 * * * *',
      '0 0 * * 0',
    ]);
    expect(r.diff).toContain('-0 2 * * * cd /srv/app');
    expect(r.diff).toContain('+30 4 * * * cd /srv/app');
    expect(r.diff).not.toMatch(/^[-+]\*\/5 \* \* \* \* \/bin\/a$/m);
  });

  it('a dry run returns the diff and never installs', async () => {
    fake.setState('MAILTO=""\n');
    const r = await applyCrontab(artifactsFor(), { dryRun: true, env: fake.env() });
    expect(r.changed).toBe(true);
    expect(fake.calls()).toEqual(['-l']);
    expect(fake.stateBytes()!.toString()).toBe('MAILTO=""\n');
    const lines = r.diff.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '--- crontab (installed)',
      '+++ crontab (registers-cron)',
      '@@ -1,1 +1,13 @@',
    ]);
    expect(lines[3]).toBe(' MAILTO=""');
    expect(lines[4]).toBe(`+${CRONTAB_BEGIN}`);
    expect(lines.filter((l) => l.startsWith('-') && !l.startsWith('---'))).toEqual([]);
  });

  it('surfaces the stderr of a crontab failure other than "no crontab"', async () => {
    const env = fake.env({
      FAKE_CRONTAB_FAIL: 'crontab: cannot open /var/spool/cron: Permission denied',
    });
    const error = await applyCrontab(artifactsFor(), { dryRun: false, env }).catch((e) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error.message).toBe(
      '`crontab -l` failed (exit 2): crontab: cannot open /var/spool/cron: Permission denied',
    );
    expect(error.context).toEqual({ target: 'linux_cron' });
    expect(fake.calls()).toEqual(['-l']);
  });

  it('says so when the crontab program is missing', async () => {
    const error = await applyCrontab(artifactsFor(), {
      dryRun: true,
      crontabBin: 'registers-no-such-crontab',
      env: fake.env(),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ArtifactError);
    expect(error.message).toMatch(
      /^the crontab program 'registers-no-such-crontab' was not found on PATH/,
    );
  });

  it('refuses a damaged block instead of guessing', async () => {
    fake.setState(`0 1 * * * /bin/x\n${CRONTAB_BEGIN}\n0 2 * * * old\n`);
    await expect(applyCrontab(artifactsFor(), { dryRun: false, env: fake.env() })).rejects.toThrow(
      /registers-cron block is damaged \(1 '# BEGIN registers-cron' and 0 '# END registers-cron' lines\)/,
    );
    expect(fake.calls()).toEqual(['-l']);
  });

  it('removes the block when no job has a crontab entry any more, keeping the rest', async () => {
    fake.setState(USER_BEFORE);
    await applyCrontab(artifactsFor(), { dryRun: false, env: fake.env() });
    const r = await applyCrontab([], { dryRun: false, env: fake.env() });
    expect(r.changed).toBe(true);
    expect(fake.stateBytes()!.equals(USER_BEFORE)).toBe(true);
  });

  it('takes only linux_cron artifacts', async () => {
    const systemd = generateArtifacts([cronJob('nightly', '0 2 * * *')], 'systemd', ctx).artifacts;
    await expect(applyCrontab(systemd, { dryRun: true, env: fake.env() })).rejects.toThrow(
      'applyCrontab takes linux_cron artifacts, not systemd',
    );
    expect(fake.calls()).toEqual([]);
  });
});
