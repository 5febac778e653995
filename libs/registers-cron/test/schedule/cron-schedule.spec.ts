import fc from 'fast-check';
import { DEFAULT_FIRE_LIMIT, cronSchedule, scheduleFor } from '../../src/schedule';

const at = (iso: string): number => Date.parse(iso);
const utc = (expression: string) => cronSchedule({ kind: 'cron', expression, timezone: 'UTC' });
const next = (expression: string, fromIso: string, count: number): string[] =>
  utc(expression)
    .firesBetween(at(fromIso), Number.POSITIVE_INFINITY, count)
    .map((t) => new Date(t).toISOString());

describe('cronSchedule in UTC', () => {
  it('fires a daily fixed time', () => {
    expect(next('0 2 * * *', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-01T02:00:00.000Z',
      '2026-01-02T02:00:00.000Z',
      '2026-01-03T02:00:00.000Z',
    ]);
  });

  it('reads 6 fields as seconds first, and skips to the next whole matching second', () => {
    expect(next('*/15 * * * * *', '2026-01-01T12:00:00.500Z', 4)).toEqual([
      '2026-01-01T12:00:15.000Z',
      '2026-01-01T12:00:30.000Z',
      '2026-01-01T12:00:45.000Z',
      '2026-01-01T12:01:00.000Z',
    ]);
    expect(next('* * * * * *', '2026-01-01T12:00:00.500Z', 1)).toEqual([
      '2026-01-01T12:00:01.000Z',
    ]);
  });

  it('supports L (last day of month), including leap years', () => {
    expect(next('0 0 L * *', '2028-01-01T00:00:00Z', 3)).toEqual([
      '2028-01-31T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2028-03-31T00:00:00.000Z',
    ]);
  });

  it('supports W (nearest weekday) without crossing the month', () => {
    // 2026-02-15 and 2026-03-15 are Sundays, 2026-08-15 a Saturday.
    expect(next('0 0 15W * *', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-15T00:00:00.000Z',
      '2026-02-16T00:00:00.000Z',
      '2026-03-16T00:00:00.000Z',
    ]);
    expect(next('0 0 15W * *', '2026-08-01T00:00:00Z', 1)).toEqual(['2026-08-14T00:00:00.000Z']);
  });

  it('supports # (nth weekday of the month)', () => {
    expect(next('0 0 * * 5#2', '2026-01-01T00:00:00Z', 3)).toEqual([
      '2026-01-09T00:00:00.000Z',
      '2026-02-13T00:00:00.000Z',
      '2026-03-13T00:00:00.000Z',
    ]);
  });

  it('supports nicknames', () => {
    expect(next('@daily', '2026-01-01T12:00:00Z', 2)).toEqual([
      '2026-01-02T00:00:00.000Z',
      '2026-01-03T00:00:00.000Z',
    ]);
    expect(next('@hourly', '2026-01-01T12:00:00Z', 1)).toEqual(['2026-01-01T13:00:00.000Z']);
    expect(next('@weekly', '2026-01-01T12:00:00Z', 1)).toEqual(['2026-01-04T00:00:00.000Z']);
    expect(next('@monthly', '2026-01-01T12:00:00Z', 1)).toEqual(['2026-02-01T00:00:00.000Z']);
  });

  it('supports day and month names', () => {
    // 2026-01-02 is a Friday.
    expect(next('0 9 * * MON-FRI', '2026-01-02T12:00:00Z', 2)).toEqual([
      '2026-01-05T09:00:00.000Z',
      '2026-01-06T09:00:00.000Z',
    ]);
    expect(next('0 0 1 JAN,JUL *', '2026-01-02T00:00:00Z', 2)).toEqual([
      '2026-07-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
  });

  it('combines day of month and day of week with OR, as Vixie cron does', () => {
    // The 1st (a Thursday) or any Monday.
    expect(next('0 0 1 * MON', '2025-12-31T12:00:00Z', 3)).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-05T00:00:00.000Z',
      '2026-01-12T00:00:00.000Z',
    ]);
  });

  it('lists a month of fires, lower bound exclusive and upper bound inclusive', () => {
    const noon = utc('0 12 * * *');
    const february = noon.firesBetween(at('2026-02-01T12:00:00Z'), at('2026-02-28T12:00:00Z'));
    expect(february).toHaveLength(27);
    expect(february[0]).toBe(at('2026-02-02T12:00:00Z'));
    expect(february[26]).toBe(at('2026-02-28T12:00:00Z'));
    expect(noon.firesBetween(at('2026-02-01T00:00:00Z'), at('2026-03-01T00:00:00Z'))).toHaveLength(
      28,
    );
  });

  it('returns the earliest `limit` fires, 1000 by default', () => {
    const from = at('2026-01-01T00:00:00Z');
    const everySecond = utc('* * * * * *');
    expect(everySecond.firesBetween(from, from + 3600_000, 2)).toEqual([from + 1000, from + 2000]);
    const many = everySecond.firesBetween(from, from + 3600_000);
    expect(many).toHaveLength(DEFAULT_FIRE_LIMIT);
    expect(many[999]).toBe(from + 1000 * 1000);
  });

  it('latestAtOrBefore includes a fire exactly at `at`, to the millisecond', () => {
    const s = utc('*/15 * * * * *');
    expect(s.latestAtOrBefore(at('2026-01-01T12:00:15.000Z'))).toBe(at('2026-01-01T12:00:15Z'));
    expect(s.latestAtOrBefore(at('2026-01-01T12:00:15.999Z'))).toBe(at('2026-01-01T12:00:15Z'));
    expect(s.latestAtOrBefore(at('2026-01-01T12:00:14.999Z'))).toBe(at('2026-01-01T12:00:00Z'));
    const daily = utc('0 2 * * *');
    expect(daily.latestAtOrBefore(at('2026-01-02T02:00:00Z'))).toBe(at('2026-01-02T02:00:00Z'));
    expect(daily.latestAtOrBefore(at('2026-01-02T01:59:59.999Z'))).toBe(at('2026-01-01T02:00:00Z'));
    expect(daily.nextAfter(at('2026-01-02T02:00:00Z'))).toBe(at('2026-01-03T02:00:00Z'));
    expect(daily.nextAfter(at('2026-01-02T01:59:59.999Z'))).toBe(at('2026-01-02T02:00:00Z'));
  });

  it('gives null when there is no fire', () => {
    const never = utc('0 0 30 2 *');
    expect(never.nextAfter(at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(never.latestAtOrBefore(at('2026-01-01T00:00:00Z'))).toBeNull();
    expect(never.firesBetween(0, at('2030-01-01T00:00:00Z'))).toEqual([]);
  });

  it('is what scheduleFor returns for a cron trigger', () => {
    const s = scheduleFor({ kind: 'cron', expression: '@hourly', timezone: 'UTC' });
    expect(s.nextAfter(0)).toBe(3600_000);
  });

  it('throws on an expression croner refuses', () => {
    expect(() => utc('61 * * * *')).toThrow(/minute/);
  });
});

const expressions = [
  '0 2 * * *',
  '*/7 * * * *',
  '*/15 * * * * *',
  '30 1,13 * * *',
  '0 0 L * *',
  '0 9 15W * *',
  '0 0 * * 5#2',
  '@hourly',
  '0 0-23/3 * * MON-FRI',
];
const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'];
const instant = fc.integer({
  min: Date.parse('2024-01-01T00:00:00Z'),
  max: Date.parse('2030-01-01T00:00:00Z'),
});

describe('cronSchedule properties', () => {
  it('nextAfter and latestAtOrBefore bracket every instant, and meet at fires', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...expressions),
        fc.constantFrom(...zones),
        instant,
        (expression, timezone, t) => {
          const s = cronSchedule({ kind: 'cron', expression, timezone });
          const latest = s.latestAtOrBefore(t)!;
          const following = s.nextAfter(t)!;
          expect(latest).toBeLessThanOrEqual(t);
          expect(following).toBeGreaterThan(t);
          expect(s.nextAfter(latest)).toBe(following);
          expect(s.latestAtOrBefore(following)).toBe(following);
          expect(s.latestAtOrBefore(following - 1)).toBe(latest);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('firesBetween lists consecutive fires that latestAtOrBefore agrees with', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...expressions),
        fc.constantFrom(...zones),
        instant,
        fc.integer({ min: 0, max: 3 * 24 * 3600_000 }),
        (expression, timezone, from, span) => {
          const s = cronSchedule({ kind: 'cron', expression, timezone });
          const fires = s.firesBetween(from, from + span, 50);
          let previous = from;
          for (const fire of fires) {
            expect(fire).toBe(s.nextAfter(previous));
            expect(s.latestAtOrBefore(fire - 1)).toBe(s.latestAtOrBefore(previous));
            previous = fire;
          }
          if (fires.length < 50) expect(s.nextAfter(previous)! > from + span).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('matches a brute force over minutes for `*/k` minute steps, through DST changes', () => {
    // Offsets here are whole hours, so a local minute divisible by k is a UTC one too: every
    // such instant fires (both passes of a repeated hour), and no other.
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30),
        fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin'),
        fc.constantFrom(
          '2026-03-08T04:00:00Z',
          '2026-11-01T03:00:00Z',
          '2026-03-29T00:00:00Z',
          '2026-10-25T00:00:00Z',
        ),
        fc.integer({ min: 0, max: 4 * 3600_000 }),
        (k, timezone, startIso, shift) => {
          const from = Date.parse(startIso) + shift - 7;
          const to = from + 3 * 3600_000;
          const expected: number[] = [];
          for (let t = Math.ceil(from / 60_000) * 60_000; t <= to; t += 60_000) {
            if (t > from && new Date(t).getUTCMinutes() % k === 0) expected.push(t);
          }
          const s = cronSchedule({ kind: 'cron', expression: `*/${k} * * * *`, timezone });
          expect(s.firesBetween(from, to)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
