import { CronTrigger, ScheduledTrigger } from '../interfaces/trigger.interface';
import { dstNoteFor } from './dst-note';
import { ExplainedFire } from './fire-schedule.interface';
import { scheduleFor } from './schedule-for';
import { offsetChanges } from './zone-transitions';
import { LONGEST_DST_SHIFT_MS, formatLocal, utcOffsetMs } from './zone-time';

const DAY = 24 * 3600 * 1000;

/** The next `count` fires after `from`, in UTC and in the trigger's zone (UTC for intervals), with DST notes. */
export function explainSchedule(
  trigger: ScheduledTrigger,
  from: number,
  count: number,
): ExplainedFire[] {
  const zone = trigger.kind === 'cron' ? trigger.timezone : 'UTC';
  const noteFor = trigger.kind === 'cron' ? dstNoteFor(trigger) : () => undefined;
  return scheduleFor(trigger)
    .firesBetween(from, Number.POSITIVE_INFINITY, count)
    .map((fire) => {
      const note = noteFor(fire);
      const line: ExplainedFire = {
        at: new Date(fire).toISOString(),
        local: formatLocal(fire, zone),
      };
      return note ? { ...line, note } : line;
    });
}

/**
 * The DST notes of the fires in the next `days` days (for a start-up or status lint). Only
 * fires around the zone's offset changes can carry one (a gap's fire runs at the change, a
 * repeated time's first pass ends at it), so only those are computed, whatever the expression.
 */
export function dstNotes(trigger: CronTrigger, from: number, days: number): string[] {
  const to = from + days * DAY;
  const schedule = scheduleFor(trigger);
  const noteFor = dstNoteFor(trigger);
  const notes: string[] = [];
  // A repeated time's first pass ends at its change, which may lie a little past `to`.
  for (const change of offsetChanges(trigger.timezone, from, to + LONGEST_DST_SHIFT_MS)) {
    const shift = Math.abs(
      utcOffsetMs(change, trigger.timezone) - utcOffsetMs(change - 1000, trigger.timezone),
    );
    const start = Math.max(from, change - shift - 1);
    const fires = schedule.firesBetween(start, Math.min(to, change), Number.POSITIVE_INFINITY);
    for (const fire of fires) {
      const note = noteFor(fire);
      if (note) notes.push(note);
    }
  }
  return notes;
}
