import fc from 'fast-check';
import { DEFAULT_FIRE_LIMIT, intervalSchedule, scheduleFor } from '../../src/schedule';

const at = (iso: string): number => Date.parse(iso);
const every = (everySeconds: number, offsetSeconds = 0) =>
  intervalSchedule({ kind: 'interval', everySeconds, offsetSeconds });

describe('intervalSchedule', () => {
  it('fires at multiples of the period since the epoch, whatever the start', () => {
    expect(every(300).firesBetween(at('2026-05-01T10:02:17Z'), at('2026-05-01T10:20:00Z'))).toEqual(
      [
        at('2026-05-01T10:05:00Z'),
        at('2026-05-01T10:10:00Z'),
        at('2026-05-01T10:15:00Z'),
        at('2026-05-01T10:20:00Z'),
      ],
    );
  });

  it('shifts every fire by offsetSeconds', () => {
    expect(
      every(300, 30).firesBetween(at('2026-05-01T10:00:00Z'), at('2026-05-01T10:11:00Z')),
    ).toEqual([at('2026-05-01T10:00:30Z'), at('2026-05-01T10:05:30Z'), at('2026-05-01T10:10:30Z')]);
    // An offset larger than the period, or negative, lands on the same grid.
    expect(every(300, 330).nextAfter(at('2026-05-01T10:00:00Z'))).toBe(at('2026-05-01T10:00:30Z'));
    expect(every(300, -270).nextAfter(at('2026-05-01T10:00:00Z'))).toBe(at('2026-05-01T10:00:30Z'));
  });

  it('excludes the lower bound and includes the upper one', () => {
    const fires = every(60).firesBetween(at('2026-05-01T10:00:00Z'), at('2026-05-01T10:02:00Z'));
    expect(fires).toEqual([at('2026-05-01T10:01:00Z'), at('2026-05-01T10:02:00Z')]);
    expect(
      every(60).firesBetween(at('2026-05-01T10:00:00Z'), at('2026-05-01T10:00:59.999Z')),
    ).toEqual([]);
  });

  it('returns the earliest `limit` fires, 1000 by default', () => {
    const from = at('2026-05-01T00:00:00Z');
    expect(every(1).firesBetween(from, from + 5000, 2)).toEqual([from + 1000, from + 2000]);
    const many = every(1).firesBetween(from, from + 3600_000);
    expect(many).toHaveLength(DEFAULT_FIRE_LIMIT);
    expect(many[999]).toBe(from + 1000 * 1000);
    expect(every(1).firesBetween(from, from + 5000, 0)).toEqual([]);
  });

  it('nextAfter is strictly after, latestAtOrBefore includes a fire exactly at `at`', () => {
    const s = every(3600);
    expect(s.nextAfter(at('2026-05-01T10:00:00Z'))).toBe(at('2026-05-01T11:00:00Z'));
    expect(s.nextAfter(at('2026-05-01T09:59:59.999Z'))).toBe(at('2026-05-01T10:00:00Z'));
    expect(s.latestAtOrBefore(at('2026-05-01T10:00:00Z'))).toBe(at('2026-05-01T10:00:00Z'));
    expect(s.latestAtOrBefore(at('2026-05-01T09:59:59.999Z'))).toBe(at('2026-05-01T09:00:00Z'));
    expect(s.latestAtOrBefore(-1)).toBe(-3600_000);
  });

  it('is what scheduleFor returns for an interval trigger', () => {
    const s = scheduleFor({ kind: 'interval', everySeconds: 90, offsetSeconds: 0 });
    expect(s.nextAfter(0)).toBe(90_000);
  });

  it('refuses a period that is not positive', () => {
    expect(() => every(0)).toThrow(RangeError);
    expect(() => every(-5)).toThrow(RangeError);
    expect(() => every(Number.NaN)).toThrow(RangeError);
  });

  it('agrees with a brute force over every second (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: -300, max: 300 }),
        fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (everySeconds, offsetSeconds, from, span) => {
          const to = from + span;
          const expected: number[] = [];
          for (let s = Math.floor(from / 1000); s <= Math.ceil(to / 1000); s++) {
            const t = s * 1000;
            const aligned =
              (((s - offsetSeconds) % everySeconds) + everySeconds) % everySeconds === 0;
            if (t > from && t <= to && aligned) expected.push(t);
          }
          const schedule = every(everySeconds, offsetSeconds);
          expect(schedule.firesBetween(from, to)).toEqual(expected);
          const latest = schedule.latestAtOrBefore(to)!;
          expect(latest).toBeLessThanOrEqual(to);
          expect(schedule.nextAfter(latest)).toBeGreaterThan(to);
          const phase = (latest / 1000 - offsetSeconds) % everySeconds;
          expect(Math.abs(phase)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
