import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Cron } from 'croner';
import { generateArtifacts, type Artifact, type ArtifactJob } from '@registers/cron/artifacts';
import { iniValue, iniValues, parseIni } from './support/ini';
import { cronJob, ctx, intervalJob, manualJob, webhookJob } from './support/jobs';
import { SYSTEMD_ANALYZE, systemdElapses, systemdVerify } from './support/systemd-analyze';

function units(job: ArtifactJob, context = ctx): { service: Artifact; timer: Artifact } {
  const { artifacts, skipped } = generateArtifacts([job], 'systemd', context);
  expect(skipped).toEqual([]);
  expect(artifacts).toHaveLength(2);
  return { service: artifacts[0], timer: artifacts[1] };
}

function onCalendar(job: ArtifactJob): string[] {
  const timer = parseIni(units(job).timer.content);
  return iniValues(timer, 'Timer', 'OnCalendar');
}

/** The next `count` fires of all OnCalendar values together. */
function systemdFires(specs: string[], base: Date, count: number): number[] {
  const all = new Set(specs.flatMap((s) => systemdElapses(s, base, count)));
  return [...all].sort((a, b) => a - b).slice(0, count);
}

const itWithAnalyze = SYSTEMD_ANALYZE ? it : it.skip;

describe('systemd artifacts', () => {
  it('writes a oneshot service and a persistent timer, both valid INI with the required keys', () => {
    const { service, timer } = units(
      cronJob('nightly', '0 2 * * *', 'UTC', { description: 'Nightly run, 100%' }),
    );
    expect(service.path).toBe('ops/workflows/systemd/nightly.service');
    expect(timer.path).toBe('ops/workflows/systemd/nightly.timer');
    expect([service.target, timer.target, service.job, timer.job]).toEqual([
      'systemd',
      'systemd',
      'nightly',
      'nightly',
    ]);

    const s = parseIni(service.content);
    expect(Object.keys(s)).toEqual(['Unit', 'Service']);
    expect(iniValue(s, 'Unit', 'Description')).toBe(
      'registers-cron job nightly: Nightly run, 100%%',
    );
    expect(iniValue(s, 'Service', 'Type')).toBe('oneshot');
    expect(iniValue(s, 'Service', 'WorkingDirectory')).toBe('/srv/app');
    expect(iniValue(s, 'Service', 'ExecStart')).toBe(
      'node /srv/app/dist/apps/sample-console/main.js cron run nightly --scheduled',
    );

    const t = parseIni(timer.content);
    expect(Object.keys(t)).toEqual(['Unit', 'Timer', 'Install']);
    expect(iniValues(t, 'Timer', 'OnCalendar')).toEqual(['*-*-* 02:00:00 UTC']);
    expect(iniValue(t, 'Timer', 'Persistent')).toBe('true');
    expect(iniValue(t, 'Timer', 'AccuracySec')).toBe('1s');
    expect(iniValue(t, 'Timer', 'Unit')).toBe('nightly.service');
    expect(iniValue(t, 'Install', 'WantedBy')).toBe('timers.target');
  });

  it('converts cron fields to calendar syntax', () => {
    expect(onCalendar(cronJob('a', '0 2 * * *'))).toEqual(['*-*-* 02:00:00 UTC']);
    expect(onCalendar(cronJob('b', '*/15 * * * *'))).toEqual(['*-*-* *:00/15:00 UTC']);
    expect(onCalendar(cronJob('c', '30 9 * * 1-5'))).toEqual(['Mon..Fri *-*-* 09:30:00 UTC']);
    expect(onCalendar(cronJob('d', '30 9 * * MON-FRI'))).toEqual(['Mon..Fri *-*-* 09:30:00 UTC']);
    expect(onCalendar(cronJob('e', '0 10 * * 6,0'))).toEqual(['Sat,Sun *-*-* 10:00:00 UTC']);
    expect(onCalendar(cronJob('e2', '0 10 * * 5-7'))).toEqual(['Fri..Sun *-*-* 10:00:00 UTC']);
    expect(onCalendar(cronJob('f', '0 10 * * 1,3,5'))).toEqual(['Mon,Wed,Fri *-*-* 10:00:00 UTC']);
    expect(onCalendar(cronJob('g', '0 0 1 */3 *'))).toEqual(['*-01/3-01 00:00:00 UTC']);
    expect(onCalendar(cronJob('h', '5,35 9-17 * * *'))).toEqual(['*-*-* 09..17:05,35:00 UTC']);
    expect(onCalendar(cronJob('i', '0 0 1,15 * *'))).toEqual(['*-*-01,15 00:00:00 UTC']);
    expect(onCalendar(cronJob('j', '5-59/15 * * * *'))).toEqual(['*-*-* *:05/15:00 UTC']);
    expect(onCalendar(cronJob('k', '0-30/10 * * * *'))).toEqual(['*-*-* *:00..30/10:00 UTC']);
    expect(onCalendar(cronJob('l', '@weekly'))).toEqual(['Sun *-*-* 00:00:00 UTC']);
    // seconds are expressible in systemd
    expect(onCalendar(cronJob('m', '*/20 * * * * *'))).toEqual(['*-*-* *:*:00/20 UTC']);
  });

  it('puts a non-UTC zone on each OnCalendar line', () => {
    expect(onCalendar(cronJob('berlin', '30 9 * * 1-5', 'Europe/Berlin'))).toEqual([
      'Mon..Fri *-*-* 09:30:00 Europe/Berlin',
    ]);
  });

  it('writes cron OR of day of month and day of week as two OnCalendar lines, + (AND) as one', () => {
    expect(onCalendar(cronJob('or', '0 12 1 * MON'))).toEqual([
      'Mon *-*-* 12:00:00 UTC',
      '*-*-01 12:00:00 UTC',
    ]);
    expect(onCalendar(cronJob('and', '0 12 1 * +MON'))).toEqual(['Mon *-*-01 12:00:00 UTC']);
  });

  it('maps exact intervals and refuses the others', () => {
    expect(onCalendar(intervalJob('q', 900, 300))).toEqual(['*-*-* *:05/15:00 UTC']);
    expect(onCalendar(intervalJob('q2', 900, 330))).toEqual(['*-*-* *:05/15:30 UTC']);
    expect(onCalendar(intervalJob('h2', 7200))).toEqual(['*-*-* 00/2:00:00 UTC']);
    expect(onCalendar(intervalJob('d', 86_400, 3600))).toEqual(['*-*-* 01:00:00 UTC']);
    expect(onCalendar(intervalJob('s', 15))).toEqual(['*-*-* *:*:00/15 UTC']);
    expect(onCalendar(intervalJob('m', 60, 0))).toEqual(['*-*-* *:*:00 UTC']);
    const { skipped } = generateArtifacts(
      [intervalJob('seven', 420), intervalJob('two-and-a-half', 9000), intervalJob('fast', 45)],
      'systemd',
      ctx,
    );
    expect(skipped.map((s) => s.reason)).toEqual([
      "job 'seven': every 420 s has no exact systemd OnCalendar equivalent (a calendar repeats exactly only at periods that divide a minute, an hour or a day)",
      "job 'two-and-a-half': every 9000 s has no exact systemd OnCalendar equivalent (a calendar repeats exactly only at periods that divide a minute, an hour or a day)",
      "job 'fast': every 45 s has no exact systemd OnCalendar equivalent (a calendar repeats exactly only at periods that divide a minute, an hour or a day)",
    ]);
  });

  it('skips what systemd cannot express (L, W, #) and jobs without a schedule', () => {
    const { artifacts, skipped } = generateArtifacts(
      [
        cronJob('last', '0 0 L * *'),
        cronJob('nth', '0 0 * * 1#1'),
        cronJob('w', '0 0 1W * *'),
        manualJob('m'),
        webhookJob('h'),
      ],
      'systemd',
      ctx,
    );
    expect(artifacts).toEqual([]);
    expect(skipped.map((s) => s.reason)).toEqual([
      "job 'last': 'L' (last day of the month) in '0 0 L * *' cannot be expressed in systemd OnCalendar",
      "job 'nth': '#' (nth weekday of the month) in '0 0 * * 1#1' cannot be expressed in systemd OnCalendar",
      "job 'w': 'W' (nearest weekday) in '0 0 1W * *' cannot be expressed in systemd OnCalendar",
      'manual job has no schedule',
      'webhook job has no schedule',
    ]);
  });

  it('uses the deploymentFile for the .service and the same stem for the .timer', () => {
    const { service, timer } = units(
      cronJob('nightly', '0 2 * * *', 'UTC', {
        deploymentFile: 'deploy/units/app-nightly.service',
      }),
    );
    expect(service.path).toBe('deploy/units/app-nightly.service');
    expect(timer.path).toBe('deploy/units/app-nightly.timer');
    expect(iniValue(parseIni(timer.content), 'Timer', 'Unit')).toBe('app-nightly.service');
  });

  it('quotes ExecStart words and escapes % and $', () => {
    const { service } = units(
      cronJob('price$', '0 2 * * *', 'UTC', { deploymentFile: 'x/price.service' }),
      {
        ...ctx,
        command: "'/opt/my app/node' main.js",
      },
    );
    expect(iniValue(parseIni(service.content), 'Service', 'ExecStart')).toBe(
      '"/opt/my app/node" main.js cron run price$$ --scheduled',
    );
  });

  itWithAnalyze(
    'systemd-analyze accepts every OnCalendar value and fires exactly when croner does',
    () => {
      const cases: [string, string, Date, number][] = [
        ['0 2 * * *', 'UTC', new Date('2024-01-01T00:00:00Z'), 10],
        ['*/15 * * * *', 'UTC', new Date('2024-01-01T00:00:00Z'), 40],
        ['5,35 9-17 * * 1-5', 'UTC', new Date('2024-01-01T00:00:00Z'), 60],
        ['0 12 1 * MON', 'UTC', new Date('2024-01-01T00:00:00Z'), 20],
        ['0 12 1 * +MON', 'UTC', new Date('2024-01-01T00:00:00Z'), 5],
        ['0 0 */2 * 1', 'UTC', new Date('2024-01-01T00:00:00Z'), 30],
        ['0 0 1 */3 *', 'UTC', new Date('2024-01-01T00:00:00Z'), 6],
        ['*/20 * * * * *', 'UTC', new Date('2024-01-01T00:00:00Z'), 30],
        ['0-30/10 */6 * * SUN,SAT', 'UTC', new Date('2024-01-01T00:00:00Z'), 30],
        ['30 9 * * 1-5', 'Europe/Berlin', new Date('2024-06-01T00:00:00Z'), 20],
        ['*/15 * * * *', 'America/New_York', new Date('2024-06-01T00:00:00Z'), 40],
        ['@weekly', 'Asia/Kolkata', new Date('2024-06-01T00:00:00Z'), 8],
      ];
      for (const [expr, zone, base, count] of cases) {
        const specs = onCalendar(cronJob('x', expr, zone));
        const want = new Cron(expr, { timezone: zone, paused: true })
          .nextRuns(count, base)
          .map((d) => d.getTime());
        expect({ expr, zone, fires: systemdFires(specs, base, count) }).toEqual({
          expr,
          zone,
          fires: want,
        });
      }
      for (const [every, offset] of [
        [900, 300],
        [7200, 3600],
        [15, 5],
        [86_400, 5400],
      ]) {
        const specs = onCalendar(intervalJob('i', every, offset));
        const base = new Date('2024-03-01T00:00:00Z');
        const b = base.getTime() / 1000;
        const first = Math.floor((b - offset) / every) * every + offset + every;
        const want = Array.from({ length: 12 }, (_, k) => (first + k * every) * 1000);
        expect({ every, offset, fires: systemdFires(specs, base, 12) }).toEqual({
          every,
          offset,
          fires: want,
        });
      }
    },
  );

  itWithAnalyze('systemd-analyze verify accepts the units', () => {
    const dir = mkdtempSync(join(tmpdir(), 'registers-systemd-'));
    try {
      const { artifacts } = generateArtifacts(
        [
          cronJob('nightly', '0 2 * * *'),
          cronJob('or-days', '0 12 1 * MON', 'Europe/Berlin'),
          intervalJob('tick', 900),
        ],
        'systemd',
        { ...ctx, cwd: dir, command: `${process.execPath} ${join(dir, 'main.js')}` },
      );
      const files = artifacts.map((a) => {
        const file = join(dir, basename(a.path));
        writeFileSync(file, a.content);
        return file;
      });
      const r = systemdVerify(files);
      expect({ status: r.status, output: r.output }).toEqual({ status: 0, output: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
