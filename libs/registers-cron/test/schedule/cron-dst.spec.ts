import { cronSchedule } from '../../src/schedule';

const at = (iso: string): number => Date.parse(iso);
const iso = (fires: number[]): string[] => fires.map((t) => new Date(t).toISOString());
const fires = (expression: string, timezone: string, fromIso: string, toIso: string): string[] =>
  iso(cronSchedule({ kind: 'cron', expression, timezone }).firesBetween(at(fromIso), at(toIso)));

describe('cronSchedule across DST changes (Vixie cron rules)', () => {
  describe('America/New_York', () => {
    const zone = 'America/New_York';

    it('runs a fixed time inside the spring-forward gap once, at 03:00 EDT', () => {
      // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 02:30 does not exist.
      expect(fires('30 2 * * *', zone, '2026-03-06T12:00:00Z', '2026-03-09T12:00:00Z')).toEqual([
        '2026-03-07T07:30:00.000Z', // 02:30 EST
        '2026-03-08T07:00:00.000Z', // 03:00 EDT
        '2026-03-09T06:30:00.000Z', // 02:30 EDT
      ]);
      expect(fires('0 2 * * *', zone, '2026-03-08T00:00:00Z', '2026-03-08T12:00:00Z')).toEqual([
        '2026-03-08T07:00:00.000Z',
      ]);
      expect(fires('0 30 2 * * *', zone, '2026-03-08T00:00:00Z', '2026-03-08T12:00:00Z')).toEqual([
        '2026-03-08T07:00:00.000Z',
      ]);
    });

    it('skips gap times of a stepped schedule', () => {
      expect(fires('*/30 * * * *', zone, '2026-03-08T06:00:00Z', '2026-03-08T08:00:00Z')).toEqual([
        '2026-03-08T06:30:00.000Z', // 01:30 EST
        '2026-03-08T07:00:00.000Z', // 03:00 EDT
        '2026-03-08T07:30:00.000Z',
        '2026-03-08T08:00:00.000Z',
      ]);
    });

    it('runs a fixed time inside the repeated fall-back hour once, at the first pass', () => {
      // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:00-01:59 happens twice.
      expect(fires('30 1 * * *', zone, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toEqual([
        '2026-11-01T05:30:00.000Z', // the first 01:30 (EDT); none at 06:30Z
        '2026-11-02T06:30:00.000Z', // 01:30 EST
      ]);
      const s = cronSchedule({ kind: 'cron', expression: '30 1 * * *', timezone: zone });
      expect(s.nextAfter(at('2026-11-01T05:30:00Z'))).toBe(at('2026-11-02T06:30:00Z'));
      expect(s.latestAtOrBefore(at('2026-11-01T06:45:00Z'))).toBe(at('2026-11-01T05:30:00Z'));
    });

    it('treats a list of fixed times as fixed-time too (fixedTimeRule no-wildcard)', () => {
      expect(fires('30 1,13 * * *', zone, '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([
        '2026-11-01T05:30:00.000Z',
        '2026-11-01T18:30:00.000Z',
      ]);
    });

    it('runs a stepped schedule through both passes of the repeated hour', () => {
      expect(fires('*/30 * * * *', zone, '2026-11-01T04:30:00Z', '2026-11-01T07:00:00Z')).toEqual([
        '2026-11-01T05:00:00.000Z', // 01:00 EDT
        '2026-11-01T05:30:00.000Z', // 01:30 EDT
        '2026-11-01T06:00:00.000Z', // 01:00 EST
        '2026-11-01T06:30:00.000Z', // 01:30 EST
        '2026-11-01T07:00:00.000Z', // 02:00 EST
      ]);
      const s = cronSchedule({ kind: 'cron', expression: '*/30 * * * *', timezone: zone });
      expect(s.latestAtOrBefore(at('2026-11-01T06:15:00Z'))).toBe(at('2026-11-01T06:00:00Z'));
      expect(s.latestAtOrBefore(at('2026-11-01T05:45:00Z'))).toBe(at('2026-11-01T05:30:00Z'));
      expect(s.nextAfter(at('2026-11-01T05:30:00Z'))).toBe(at('2026-11-01T06:00:00Z'));
    });
  });

  describe('Europe/Berlin', () => {
    const zone = 'Europe/Berlin';

    it('runs 02:30 at 03:00 CEST on 2026-03-29', () => {
      expect(fires('30 2 * * *', zone, '2026-03-27T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
        '2026-03-28T01:30:00.000Z', // 02:30 CET
        '2026-03-29T01:00:00.000Z', // 03:00 CEST
        '2026-03-30T00:30:00.000Z', // 02:30 CEST
      ]);
    });

    it('runs 02:30 once on 2026-10-25, at the first (CEST) pass', () => {
      expect(fires('30 2 * * *', zone, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
        '2026-10-25T00:30:00.000Z',
        '2026-10-26T01:30:00.000Z',
      ]);
    });

    it('runs a stepped schedule through both passes on 2026-10-25', () => {
      expect(fires('*/30 * * * *', zone, '2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z')).toEqual([
        '2026-10-25T00:30:00.000Z', // 02:30 CEST
        '2026-10-25T01:00:00.000Z', // 02:00 CET
        '2026-10-25T01:30:00.000Z', // 02:30 CET
        '2026-10-25T02:00:00.000Z', // 03:00 CET
      ]);
    });
  });
});
