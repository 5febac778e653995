import { child, type XmlNode } from './xml-checker';

/** Seconds of an xs:duration made of days, hours, minutes and seconds (`P1DT2H`, `PT15M`). */
export function durationSeconds(text: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) throw new Error(`bad duration ${text}`);
  const [d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  return ((d * 24 + h) * 60 + mi) * 60 + s;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
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
const DAY_MS = 86_400_000;

function dayMatches(schedule: XmlNode, day: Date): boolean {
  const dow = DAYS[day.getUTCDay()];
  const month = MONTHS[day.getUTCMonth()];
  const date = day.getUTCDate();
  const has = (node: XmlNode, name: string): boolean => node.children.some((c) => c.name === name);
  switch (schedule.name) {
    case 'ScheduleByDay':
      if (child(schedule, 'DaysInterval').text !== '1')
        throw new Error('only DaysInterval 1 is simulated');
      return true;
    case 'ScheduleByWeek':
      if (child(schedule, 'WeeksInterval').text !== '1')
        throw new Error('only WeeksInterval 1 is simulated');
      return has(child(schedule, 'DaysOfWeek'), dow);
    case 'ScheduleByMonth':
      return (
        child(schedule, 'DaysOfMonth').children.some((d) => Number(d.text) === date) &&
        has(child(schedule, 'Months'), month)
      );
    case 'ScheduleByMonthDayOfWeek': {
      const occurrence = Math.ceil(date / 7);
      const isLast = new Date(day.getTime() + 7 * DAY_MS).getUTCMonth() !== day.getUTCMonth();
      const weeks = child(schedule, 'Weeks').children.map((w) => w.text);
      return (
        has(child(schedule, 'DaysOfWeek'), dow) &&
        has(child(schedule, 'Months'), month) &&
        (weeks.includes(String(occurrence)) || (isLast && weeks.includes('Last')))
      );
    }
    default:
      throw new Error(`unknown schedule ${schedule.name}`);
  }
}

/**
 * The start times (ms, UTC) of a task's triggers in `(from, to]`, read the way Task Scheduler
 * describes them: a calendar trigger starts on each matching day at the start boundary's time,
 * then every Interval while less than Duration has passed; a time trigger repeats forever.
 * Only UTC (`Z`) boundaries are simulated.
 */
export function simulateTriggers(triggers: XmlNode, from: number, to: number): number[] {
  const out = new Set<number>();
  for (const trigger of triggers.children) {
    const boundary = child(trigger, 'StartBoundary').text;
    if (!boundary.endsWith('Z')) throw new Error('only UTC start boundaries are simulated');
    const start = Date.parse(boundary);
    const repetition = trigger.children.find((c) => c.name === 'Repetition');
    const interval = repetition ? durationSeconds(child(repetition, 'Interval').text) * 1000 : 0;
    const durationNode = repetition?.children.find((c) => c.name === 'Duration');
    const duration = durationNode ? durationSeconds(durationNode.text) * 1000 : Infinity;
    const add = (base: number): void => {
      if (!interval) {
        if (base > from && base <= to) out.add(base);
        return;
      }
      const k0 = Math.max(0, Math.ceil((from - base) / interval));
      for (let k = k0; base + k * interval <= to && k * interval < duration; k += 1) {
        const t = base + k * interval;
        if (t > from) out.add(t);
      }
    };
    if (trigger.name === 'TimeTrigger') {
      add(start);
      continue;
    }
    const schedule = trigger.children[trigger.children.length - 1];
    const timeOfDay = start % DAY_MS;
    const firstDay = Math.floor(Math.max(start, from - DAY_MS) / DAY_MS) * DAY_MS;
    for (let day = firstDay; day <= to; day += DAY_MS) {
      if (day + timeOfDay >= start && dayMatches(schedule, new Date(day))) add(day + timeOfDay);
    }
  }
  return [...out].sort((a, b) => a - b);
}
