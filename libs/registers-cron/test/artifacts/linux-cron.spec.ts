import { Cron } from 'croner';
import { generateArtifacts, type ArtifactJob } from '@registers/cron/artifacts';
import { parseCrontab } from './support/crontab-checker';
import { cronJob, ctx, fileChangeJob, intervalJob, manualJob, webhookJob } from './support/jobs';

function generate(jobs: ArtifactJob[]) {
  return generateArtifacts(jobs, 'linux_cron', ctx);
}

function entryOf(job: ArtifactJob) {
  const { artifacts, skipped } = generate([job]);
  expect(skipped).toEqual([]);
  expect(artifacts).toHaveLength(1);
  const entries = parseCrontab(artifacts[0].content);
  expect(entries).toHaveLength(1);
  return { artifact: artifacts[0], entry: entries[0] };
}

const schedule = (job: ArtifactJob): string => entryOf(job).entry.fields.join(' ');

describe('linux_cron artifacts', () => {
  it('renders one valid crontab entry that calls back into the console from its cwd', () => {
    const { artifact, entry } = entryOf(
      cronJob('nightly', '0 2 * * *', 'UTC', { description: 'Nightly run' }),
    );
    expect(artifact).toMatchObject({
      target: 'linux_cron',
      job: 'nightly',
      path: 'ops/workflows/linux_cron/nightly.cron',
    });
    expect(entry.fields).toEqual(['0', '2', '*', '*', '*']);
    expect(entry.command).toBe(
      'cd /srv/app && node /srv/app/dist/apps/sample-console/main.js cron run nightly --scheduled',
    );
    expect(entry.env).toEqual({ CRON_TZ: 'UTC' });
    expect(artifact.content).toMatch(/^# registers-cron job nightly: Nightly run\n/);
  });

  it('sets CRON_TZ to a non-UTC zone, documented in a comment line', () => {
    const { artifact, entry } = entryOf(cronJob('berlin', '30 9 * * MON-FRI', 'Europe/Berlin'));
    expect(entry.env.CRON_TZ).toBe('Europe/Berlin');
    expect(entry.fields).toEqual(['30', '9', '*', '*', '1-5']);
    const lines = artifact.content.split('\n');
    const tz = lines.indexOf('CRON_TZ=Europe/Berlin');
    expect(lines[tz - 1]).toMatch(/^# CRON_TZ=Europe\/Berlin: .*cronie/);
    expect(lines[tz + 1]).toMatch(/^30 9 \* \* 1-5 /);
  });

  it('every entry sets its own CRON_TZ, so a UTC job never inherits the zone of the one before', () => {
    const { artifacts } = generate([
      cronJob('a', '0 9 * * *', 'Asia/Tokyo'),
      cronJob('b', '0 9 * * *'),
    ]);
    const entries = parseCrontab(artifacts.map((a) => a.content).join(''));
    expect(entries.map((e) => e.env.CRON_TZ)).toEqual(['Asia/Tokyo', 'UTC']);
  });

  it('maps nicknames to their 5-field equivalents and refuses @reboot', () => {
    expect(schedule(cronJob('y', '@yearly'))).toBe('0 0 1 1 *');
    expect(schedule(cronJob('a', '@annually'))).toBe('0 0 1 1 *');
    expect(schedule(cronJob('m', '@monthly'))).toBe('0 0 1 * *');
    expect(schedule(cronJob('w', '@weekly'))).toBe('0 0 * * 0');
    expect(schedule(cronJob('d', '@daily'))).toBe('0 0 * * *');
    expect(schedule(cronJob('n', '@midnight'))).toBe('0 0 * * *');
    expect(schedule(cronJob('h', '@hourly'))).toBe('0 * * * *');
    const { artifacts, skipped } = generate([cronJob('boot', '@reboot')]);
    expect(artifacts).toEqual([]);
    expect(skipped[0].reason).toMatch(/^job 'boot': @reboot .* cannot be expressed in crontab/);
  });

  it('drops a seconds field of 0 and refuses any other seconds', () => {
    expect(schedule(cronJob('s0', '0 */5 * * * *'))).toBe('*/5 * * * *');
    expect(schedule(cronJob('s00', '00 30 6 * * 1'))).toBe('30 6 * * 1');
    const { skipped } = generate([
      cronJob('fast', '*/10 * * * * *'),
      cronJob('at30', '30 0 * * * *'),
    ]);
    expect(skipped.map((s) => s.job)).toEqual(['fast', 'at30']);
    expect(skipped[0].reason).toBe(
      "job 'fast': seconds '*/10' (one-minute resolution) in '*/10 * * * * *' cannot be expressed in crontab",
    );
    expect(skipped[1].reason).toContain("seconds '30'");
  });

  it('writes names as numbers, Sunday 7 as 0, and keeps the OR of both day fields under cronie', () => {
    expect(schedule(cronJob('names', '0 8 * JAN,JUL SUN'))).toBe('0 8 * 1,7 0');
    expect(schedule(cronJob('seven', '0 8 * * 5-7'))).toBe('0 8 * * 0,5,6');
    // cronie reads a field that starts with * as unrestricted (AND); croner ORs: rewrite as a range.
    expect(schedule(cronJob('or', '0 0 */2 * 1'))).toBe('0 0 1-31/2 * 1');
    expect(schedule(cronJob('or2', '0 0 1,15 * */2'))).toBe('0 0 1,15 * 0-6/2');
    expect(schedule(cronJob('and', '0 0 */2 * *'))).toBe('0 0 */2 * *');
    expect(schedule(cronJob('q', '0 0 ? * MON'))).toBe('0 0 * * 1');
  });

  it('keeps the fires croner computes for the original expression', () => {
    for (const expr of [
      '0 8 * JAN,JUL SUN',
      '0 8 * * 5-7',
      '0 0 */2 * 1',
      '0 0 1,15 * */2',
      '@weekly',
    ]) {
      const rendered = schedule(cronJob('x', expr));
      const from = new Date('2024-01-01T00:00:00Z');
      const a = new Cron(expr, { timezone: 'UTC', paused: true }).nextRuns(40, from);
      const b = new Cron(rendered, { timezone: 'UTC', paused: true }).nextRuns(40, from);
      expect({ expr, fires: b.map((d) => d.toISOString()) }).toEqual({
        expr,
        fires: a.map((d) => d.toISOString()),
      });
    }
  });

  it('refuses L, W, # and the + (AND) modifier with the reason', () => {
    const { skipped } = generate([
      cronJob('last', '0 0 L * *'),
      cronJob('near', '0 0 15W * *'),
      cronJob('nth', '0 0 * * MON#2'),
      cronJob('lastfri', '0 0 * * 5L'),
      cronJob('and', '0 0 1 * +MON'),
    ]);
    expect(skipped.map((s) => [s.job, s.reason])).toEqual([
      [
        'last',
        "job 'last': 'L' (last day of the month) in '0 0 L * *' cannot be expressed in crontab",
      ],
      ['near', "job 'near': 'W' (nearest weekday) in '0 0 15W * *' cannot be expressed in crontab"],
      [
        'nth',
        "job 'nth': '#' (nth weekday of the month) in '0 0 * * MON#2' cannot be expressed in crontab",
      ],
      [
        'lastfri',
        "job 'lastfri': 'L' (last weekday of the month) in '0 0 * * 5L' cannot be expressed in crontab",
      ],
      [
        'and',
        "job 'and': '+' (day of month AND day of week) in '0 0 1 * +MON' cannot be expressed in crontab",
      ],
    ]);
  });

  it('gives manual, webhook and file-change jobs no schedule', () => {
    const { artifacts, skipped } = generate([
      manualJob('rebuild'),
      webhookJob('deploy'),
      fileChangeJob('watch'),
    ]);
    expect(artifacts).toEqual([]);
    expect(skipped).toEqual([
      { job: 'rebuild', target: 'linux_cron', reason: 'manual job has no schedule' },
      { job: 'deploy', target: 'linux_cron', reason: 'webhook job has no schedule' },
      { job: 'watch', target: 'linux_cron', reason: 'fileChange job has no schedule' },
    ]);
  });

  it('quotes the job name and cwd for the shell and escapes % for cron', () => {
    const { entry } = entryOf({
      ...cronJob("it's 100%", '0 1 * * *'),
      deploymentFile: 'ops/odd.cron',
    });
    expect(entry.command).toBe(
      "cd /srv/app && node /srv/app/dist/apps/sample-console/main.js cron run 'it'\\''s 100\\%' --scheduled",
    );
    const spaced = generateArtifacts([cronJob('a', '0 1 * * *')], 'linux_cron', {
      ...ctx,
      cwd: '/srv/my app',
    });
    expect(parseCrontab(spaced.artifacts[0].content)[0].command).toMatch(/^cd '\/srv\/my app' && /);
  });

  it('uses the deploymentFile as the path', () => {
    const { artifacts } = generate([
      cronJob('nightly', '0 2 * * *', 'UTC', { deploymentFile: 'deploy/nightly.crontab' }),
    ]);
    expect(artifacts[0].path).toBe('deploy/nightly.crontab');
  });
});

describe('interval jobs in crontab', () => {
  const expected: [number, number, string][] = [
    [60, 0, '* * * * *'],
    [120, 0, '*/2 * * * *'],
    [300, 0, '*/5 * * * *'],
    [900, 0, '*/15 * * * *'],
    [900, 300, '5-59/15 * * * *'],
    [900, -600, '5-59/15 * * * *'],
    [1800, 600, '10-59/30 * * * *'],
    [3600, 0, '0 * * * *'],
    [3600, 1200, '20 * * * *'],
    [7200, 0, '0 */2 * * *'],
    [7200, 3600 + 300, '5 1-23/2 * * *'],
    [21_600, 0, '0 */6 * * *'],
    [43_200, 0, '0 */12 * * *'],
    [86_400, 0, '0 0 * * *'],
    [86_400, 3 * 3600 + 1800, '30 3 * * *'],
  ];

  it.each(expected)('every %i s offset %i s → %s', (every, offset, cron) => {
    expect(schedule(intervalJob('tick', every, offset))).toBe(cron);
  });

  it('renders exactly the epoch-aligned fires of the interval (never a minute step above 59)', () => {
    for (const [every, offset, cron] of expected) {
      const from = Date.UTC(2024, 1, 28, 22, 0, 0);
      const fires = new Cron(cron, { timezone: 'UTC', paused: true })
        .nextRuns(30, new Date(from))
        .map((d) => d.getTime() / 1000);
      const o = ((offset % every) + every) % every;
      let t = Math.floor((from / 1000 - o) / every) * every + o + every;
      const want: number[] = [];
      while (want.length < 30) {
        want.push(t);
        t += every;
      }
      expect({ every, offset, fires }).toEqual({ every, offset, fires: want });
      expect(cron).not.toMatch(/\/(\d{3,}|[6-9]\d)/);
    }
  });

  it('refuses periods without an exact crontab equivalent, naming the job and saying why', () => {
    const { artifacts, skipped } = generate([
      intervalJob('seven', 420),
      intervalJob('two-and-a-half', 9000),
      intervalJob('fast', 45),
      intervalJob('offset', 900, 30),
      intervalJob('two-days', 172_800),
    ]);
    expect(artifacts).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual([
      "job 'seven': every 420 s has no exact crontab equivalent (only periods that divide an hour or a day repeat exactly on the clock)",
      "job 'two-and-a-half': every 9000 s has no exact crontab equivalent (only periods that divide an hour or a day repeat exactly on the clock)",
      "job 'fast': every 45 s has no exact crontab equivalent (cron has one-minute resolution)",
      "job 'offset': every 900 s offset by 30 s has no exact crontab equivalent (cron has one-minute resolution)",
      "job 'two-days': every 172800 s has no exact crontab equivalent (only periods that divide an hour or a day repeat exactly on the clock)",
    ]);
  });
});
