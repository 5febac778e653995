import type { ParsedCron } from '../cron/cron-expression';
import { isFull } from '../cron/cron-expression';
import { timesOfDay } from '../cron/cron-syntax';
import { arithmeticStep } from '../cron/value-segments';
import { el, type XmlElement } from './xml';

/** Task Scheduler allows at most 48 triggers per task. */
export const MAX_TRIGGERS = 48;

const DAY_ELEMENTS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_ELEMENTS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A reference day in the past (a Monday); calendar triggers repeat from their start boundary. */
const START_DATE = '2024-01-01';
const START_EPOCH_SECONDS = Date.UTC(2024, 0, 1) / 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** An xs:duration such as `PT15M`, `PT1H30M`, `P2D` (whole seconds). */
export function xsDuration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  const text = `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
  return text === 'P' ? 'PT0S' : text;
}

/** Fires at `start`, `start + interval`, … (`count` of them), seconds after midnight. */
interface Series {
  start: number;
  interval: number;
  count: number;
}

export type WindowsTriggers = { ok: true; triggers: XmlElement[] } | { ok: false; why: string };

/**
 * Repetition of a daily series. Duration ends half an interval after the last fire, so the last
 * one is inside the window and the next one is not, whichever way the boundary is read.
 */
function repetition(series: Series): XmlElement[] {
  if (series.count <= 1) return [];
  const duration = (series.count - 1) * series.interval + Math.floor(series.interval / 2);
  return [
    el('Repetition', [
      el('Interval', xsDuration(series.interval)),
      el('Duration', xsDuration(duration)),
      el('StopAtDurationEnd', 'false'),
    ]),
  ];
}

function seriesOver(values: number[], unit: number, base: number): Series {
  const step = arithmeticStep(values) ?? 0;
  return { start: base + values[0] * unit, interval: step * unit, count: values.length };
}

/**
 * The times of day as few series as possible: all of them as one series, one series per
 * minute (over the hours), one per hour (over the minutes), or one per time.
 */
function timeSeries(cron: ParsedCron): Series[] {
  const second = cron.second.values[0];
  const hours = cron.hour.values;
  const minutes = cron.minute.values;
  const times = timesOfDay(cron);
  const candidates: Series[][] = [times.map((t) => ({ start: t, interval: 0, count: 1 }))];
  if (arithmeticStep(times) !== null) candidates.push([seriesOver(times, 1, 0)]);
  if (arithmeticStep(hours) !== null) {
    candidates.push(minutes.map((m) => seriesOver(hours, 3600, m * 60 + second)));
  }
  if (arithmeticStep(minutes) !== null) {
    candidates.push(hours.map((h) => seriesOver(minutes, 60, h * 3600 + second)));
  }
  return candidates.reduce((best, c) => (c.length < best.length ? c : best));
}

const daysOfWeek = (days: number[]): XmlElement =>
  el(
    'DaysOfWeek',
    days.map((d) => el(DAY_ELEMENTS[d])),
  );
const months = (values: number[]): XmlElement =>
  el(
    'Months',
    values.map((m) => el(MONTH_ELEMENTS[m - 1])),
  );

function byDayOfMonth(cron: ParsedCron, days: number[]): XmlElement {
  if (days.length === 31 && isFull(cron.month)) {
    return el('ScheduleByDay', [el('DaysInterval', '1')]);
  }
  return el('ScheduleByMonth', [
    el(
      'DaysOfMonth',
      days.map((d) => el('Day', String(d))),
    ),
    months(cron.month.values),
  ]);
}

function byDayOfWeek(cron: ParsedCron, days: number[]): XmlElement {
  if (days.length === 7) return byDayOfMonth(cron, range(1, 31));
  if (isFull(cron.month)) {
    return el('ScheduleByWeek', [el('WeeksInterval', '1'), daysOfWeek(days)]);
  }
  // Weeks 1–4 and Last cover every occurrence of a weekday (a fifth one is always the last).
  return el('ScheduleByMonthDayOfWeek', [
    el(
      'Weeks',
      ['1', '2', '3', '4', 'Last'].map((w) => el('Week', w)),
    ),
    daysOfWeek(days),
    months(cron.month.values),
  ]);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The day part of the schedule: one element, or two when either day field may match (cron's OR). */
function daySchedules(cron: ParsedCron): XmlElement[] | string {
  const dom = cron.dayOfMonth;
  const dow = cron.dayOfWeek;
  if (dow.star) return [byDayOfMonth(cron, dom.values)];
  if (dom.star) return [byDayOfWeek(cron, dow.values)];
  if (cron.dayAndLogic)
    return "'+' (day of month AND day of week) has no Task Scheduler equivalent";
  return [byDayOfMonth(cron, dom.values), byDayOfWeek(cron, dow.values)];
}

/** Calendar triggers (start boundaries in UTC) with exactly the fires of a cron expression read in UTC. */
export function cronToWindowsTriggers(cron: ParsedCron): WindowsTriggers {
  if (cron.second.values.length !== 1) {
    return { ok: false, why: 'more than one second of the minute (repetitions are whole minutes)' };
  }
  const days = daySchedules(cron);
  if (typeof days === 'string') return { ok: false, why: days };
  const series = timeSeries(cron);
  if (series.length * days.length > MAX_TRIGGERS) {
    return {
      ok: false,
      why: `these minute and hour lists need ${series.length * days.length} triggers; Task Scheduler allows ${MAX_TRIGGERS}`,
    };
  }
  const triggers: XmlElement[] = [];
  for (const day of days) {
    for (const s of series) {
      const at = `${pad(Math.floor(s.start / 3600))}:${pad(Math.floor((s.start % 3600) / 60))}:${pad(s.start % 60)}`;
      triggers.push(
        el('CalendarTrigger', [
          el('Enabled', 'true'),
          el('StartBoundary', `${START_DATE}T${at}Z`),
          ...repetition(s),
          day,
        ]),
      );
    }
  }
  return { ok: true, triggers };
}

/** A time trigger repeating every `everySeconds` from an epoch-aligned start (whole minutes, up to 31 days). */
export function intervalToWindowsTrigger(
  everySeconds: number,
  offsetSeconds: number,
): WindowsTriggers {
  if (!Number.isInteger(everySeconds) || !Number.isInteger(offsetSeconds) || everySeconds <= 0) {
    return { ok: false, why: 'the period must be a positive whole number of seconds' };
  }
  if (everySeconds % 60 !== 0) return { ok: false, why: 'repetition intervals are whole minutes' };
  if (everySeconds > 31 * 86_400)
    return { ok: false, why: 'repetition intervals are at most 31 days' };
  const offset = ((offsetSeconds % everySeconds) + everySeconds) % everySeconds;
  const start = Math.floor((START_EPOCH_SECONDS - offset) / everySeconds) * everySeconds + offset;
  const boundary = new Date(start * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    ok: true,
    triggers: [
      el('TimeTrigger', [
        el('Enabled', 'true'),
        el('StartBoundary', boundary),
        el('Repetition', [
          el('Interval', xsDuration(everySeconds)),
          el('StopAtDurationEnd', 'false'),
        ]),
      ]),
    ],
  };
}
