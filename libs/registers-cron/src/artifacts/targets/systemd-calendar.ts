import type { CronField, ParsedCron } from '../cron/cron-expression';
import { isFull } from '../cron/cron-expression';
import { valueSegments } from '../cron/value-segments';

/** systemd weekday names, Monday first as in its ranges (`Mon..Fri`, `Sat..Sun`). */
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

const pad = (n: number): string => String(n).padStart(2, '0');

/** One calendar component (`*`, `02`, `00/15`, `09..17`, `05..50/15`, `01,15`). */
function component(field: CronField): string {
  if (isFull(field)) return '*';
  return valueSegments(field.values)
    .map((s) => {
      if (s.start === s.end) return pad(s.start);
      if (s.step === 1) return `${pad(s.start)}..${pad(s.end)}`;
      // `a/n` repeats up to the field's maximum; a stepped range stops earlier.
      return s.end + s.step > field.max
        ? `${pad(s.start)}/${s.step}`
        : `${pad(s.start)}..${pad(s.end)}/${s.step}`;
    })
    .join(',');
}

/** `Mon..Fri`, `Sat,Sun`, `Mon,Wed..Fri` from cron weekdays (Sunday 0). */
function weekdays(field: CronField): string {
  const monFirst = field.values.map((d) => (d + 6) % 7).sort((a, b) => a - b);
  return valueSegments(monFirst)
    .flatMap((s) => {
      if (s.start === s.end) return [WEEKDAYS[s.start]];
      if (s.step === 1) return [`${WEEKDAYS[s.start]}..${WEEKDAYS[s.end]}`];
      const days: string[] = [];
      for (let d = s.start; d <= s.end; d += s.step) days.push(WEEKDAYS[d]);
      return days;
    })
    .join(',');
}

/**
 * The `OnCalendar=` values with exactly the fires of a cron expression read in `zone`
 * (`0 2 * * *` → `*-*-* 02:00:00 UTC`). systemd requires the weekday AND the date to match;
 * cron fires on either when both are restricted, so that case takes two values.
 */
export function cronToOnCalendar(cron: ParsedCron, zone: string): string[] {
  const time = `${component(cron.hour)}:${component(cron.minute)}:${component(cron.second)}`;
  const month = component(cron.month);
  const day = component(cron.dayOfMonth);
  const dow = weekdays(cron.dayOfWeek);
  const line = (weekday: string | null, dayOfMonth: string): string =>
    `${weekday ? `${weekday} ` : ''}*-${month}-${dayOfMonth} ${time} ${zone}`;

  const domRestricted = !cron.dayOfMonth.star;
  const dowRestricted = !cron.dayOfWeek.star;
  if (domRestricted && dowRestricted && !cron.dayAndLogic) {
    return [line(dow, '*'), line(null, day)];
  }
  return [line(dowRestricted && !isFull(cron.dayOfWeek) ? dow : null, domRestricted ? day : '*')];
}
