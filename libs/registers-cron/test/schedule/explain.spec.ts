import { CronTrigger } from '../../src/interfaces/trigger.interface';
import { dstNotes, explainSchedule } from '../../src/schedule';

const at = (iso: string): number => Date.parse(iso);
const cron = (expression: string, timezone: string): CronTrigger => ({
  kind: 'cron',
  expression,
  timezone,
});

describe('explainSchedule', () => {
  it('shows each fire in UTC and in the zone, with the offset', () => {
    expect(
      explainSchedule(cron('0 9 * * *', 'America/New_York'), at('2026-06-01T00:00:00Z'), 2),
    ).toEqual([
      { at: '2026-06-01T13:00:00.000Z', local: '2026-06-01 09:00:00-04:00' },
      { at: '2026-06-02T13:00:00.000Z', local: '2026-06-02 09:00:00-04:00' },
    ]);
    expect(
      explainSchedule(cron('0 9 * * *', 'Asia/Kolkata'), at('2026-06-01T00:00:00Z'), 1),
    ).toEqual([{ at: '2026-06-01T03:30:00.000Z', local: '2026-06-01 09:00:00+05:30' }]);
  });

  it('shows an interval in UTC, without notes', () => {
    const trigger = { kind: 'interval' as const, everySeconds: 300, offsetSeconds: 0 };
    expect(explainSchedule(trigger, at('2026-11-01T05:58:00Z'), 2)).toEqual([
      { at: '2026-11-01T06:00:00.000Z', local: '2026-11-01 06:00:00+00:00' },
      { at: '2026-11-01T06:05:00.000Z', local: '2026-11-01 06:05:00+00:00' },
    ]);
    expect(explainSchedule(trigger, 0, 0)).toEqual([]);
  });

  it('notes a fire moved out of the spring-forward gap', () => {
    expect(
      explainSchedule(cron('30 2 * * *', 'America/New_York'), at('2026-03-07T12:00:00Z'), 2),
    ).toEqual([
      {
        at: '2026-03-08T07:00:00.000Z',
        local: '2026-03-08 03:00:00-04:00',
        note: 'DST gap: 02:30 does not exist on 2026-03-08; runs at 03:00',
      },
      { at: '2026-03-09T06:30:00.000Z', local: '2026-03-09 02:30:00-04:00' },
    ]);
    expect(
      explainSchedule(cron('30 2 * * *', 'Europe/Berlin'), at('2026-03-28T12:00:00Z'), 1),
    ).toEqual([
      {
        at: '2026-03-29T01:00:00.000Z',
        local: '2026-03-29 03:00:00+02:00',
        note: 'DST gap: 02:30 does not exist on 2026-03-29; runs at 03:00',
      },
    ]);
  });

  it('names every time of a list that falls in the gap', () => {
    const [fire] = explainSchedule(
      cron('0,30 2 * * *', 'America/New_York'),
      at('2026-03-08T00:00:00Z'),
      1,
    );
    expect(fire.note).toBe('DST gap: 02:00, 02:30 do not exist on 2026-03-08; runs at 03:00');
  });

  it('notes a fixed time that occurs twice', () => {
    expect(
      explainSchedule(cron('30 1 * * *', 'America/New_York'), at('2026-10-31T12:00:00Z'), 2),
    ).toEqual([
      {
        at: '2026-11-01T05:30:00.000Z',
        local: '2026-11-01 01:30:00-04:00',
        note: 'DST overlap: runs once, at the first 01:30',
      },
      { at: '2026-11-02T06:30:00.000Z', local: '2026-11-02 01:30:00-05:00' },
    ]);
    const [berlin] = explainSchedule(
      cron('30 2 * * *', 'Europe/Berlin'),
      at('2026-10-24T12:00:00Z'),
      1,
    );
    expect(berlin).toEqual({
      at: '2026-10-25T00:30:00.000Z',
      local: '2026-10-25 02:30:00+02:00',
      note: 'DST overlap: runs once, at the first 02:30',
    });
  });

  it('has no note on ordinary days, outside the changed hours, or for stepped schedules', () => {
    const notes = (trigger: CronTrigger, fromIso: string, count: number) =>
      explainSchedule(trigger, at(fromIso), count).filter((fire) => fire.note !== undefined);
    expect(notes(cron('30 2 * * *', 'America/New_York'), '2026-06-01T00:00:00Z', 30)).toEqual([]);
    expect(notes(cron('0 12 * * *', 'America/New_York'), '2026-03-07T00:00:00Z', 3)).toEqual([]);
    expect(notes(cron('30 0 * * *', 'America/New_York'), '2026-10-31T00:00:00Z', 3)).toEqual([]);
    expect(notes(cron('*/30 * * * *', 'America/New_York'), '2026-11-01T04:00:00Z', 8)).toEqual([]);
    expect(notes(cron('*/30 * * * *', 'America/New_York'), '2026-03-08T05:00:00Z', 8)).toEqual([]);
    expect(notes(cron('30 2 * * *', 'UTC'), '2026-03-07T00:00:00Z', 3)).toEqual([]);
  });
});

describe('dstNotes', () => {
  it('lists the notes of a year, once per affected fire', () => {
    const year = at('2026-01-01T00:00:00Z');
    expect(dstNotes(cron('30 2 * * *', 'America/New_York'), year, 365)).toEqual([
      'DST gap: 02:30 does not exist on 2026-03-08; runs at 03:00',
    ]);
    expect(dstNotes(cron('30 1 * * *', 'America/New_York'), year, 365)).toEqual([
      'DST overlap: runs once, at the first 01:30',
    ]);
    expect(dstNotes(cron('0 30 2 * * *', 'Europe/Berlin'), year, 365)).toEqual([
      'DST gap: 02:30 does not exist on 2026-03-29; runs at 03:00',
      'DST overlap: runs once, at the first 02:30',
    ]);
  });

  it('is empty for unaffected schedules and zones', () => {
    const year = at('2026-01-01T00:00:00Z');
    expect(dstNotes(cron('*/30 * * * *', 'America/New_York'), year, 365)).toEqual([]);
    expect(dstNotes(cron('0 12 * * *', 'America/New_York'), year, 365)).toEqual([]);
    expect(dstNotes(cron('30 2 * * *', 'UTC'), year, 365)).toEqual([]);
    expect(dstNotes(cron('30 2 * * *', 'Asia/Kolkata'), year, 365)).toEqual([]);
  });

  it('looks only `days` ahead', () => {
    const trigger = cron('30 2 * * *', 'America/New_York');
    // The gap's fire is at 2026-03-08T07:00Z.
    expect(dstNotes(trigger, at('2026-03-01T07:00:00Z'), 6.99)).toEqual([]);
    expect(dstNotes(trigger, at('2026-03-01T07:00:00Z'), 7)).toHaveLength(1);
    expect(dstNotes(trigger, at('2026-03-08T07:00:00Z'), 30)).toEqual([]);
  });

  it('notes a repeated time whose change lies just past the window', () => {
    // The first 01:30 is at 05:30Z; the clocks go back at 06:00Z.
    const trigger = cron('30 1 * * *', 'America/New_York');
    expect(dstNotes(trigger, at('2026-10-31T05:40:00Z'), 1)).toEqual([
      'DST overlap: runs once, at the first 01:30',
    ]);
  });

  it('notes each listed time of the repeated hour', () => {
    const notes = dstNotes(
      cron('0 0,30 1 * * *', 'America/New_York'),
      at('2026-10-01T00:00:00Z'),
      60,
    );
    expect(notes).toEqual([
      'DST overlap: runs once, at the first 01:00',
      'DST overlap: runs once, at the first 01:30',
    ]);
  });
});
