import type { CronPattern } from 'croner';
import { CronTrigger } from '../interfaces/trigger.interface';
import { createCron, createCronPattern } from './cron-options';
import {
  LONGEST_DST_SHIFT_MS,
  formatDate,
  formatHourMinute,
  sameWallTime,
  utcOffsetMs,
  wallTime,
} from './zone-time';

const SECOND = 1000;

/** The expression's own times of day (seconds since midnight) in `[start, end)`. */
function patternTimesIn(pattern: CronPattern, start: number, end: number): number[] {
  const times: number[] = [];
  pattern.hour.forEach((h, hour) =>
    pattern.minute.forEach((m, minute) =>
      pattern.second.forEach((s, second) => {
        const time = hour * 3600 + minute * 60 + second;
        if (h && m && s && time >= start && time < end) times.push(time);
      }),
    ),
  );
  return times;
}

const hourMinute = (time: number): string =>
  formatHourMinute(Math.floor(time / 3600), Math.floor(time / 60) % 60);

/**
 * The DST note of a fire of `trigger`, or undefined. Built once per trigger, then asked per fire.
 * - Gap: croner runs a fixed-time job whose time falls in a spring-forward gap at the end of
 *   the gap, a time the expression does not name. Such a fire does not match the expression;
 *   the times it stands for are the expression's times inside the gap.
 * - Overlap: a fixed-time job whose wall time occurs twice that day runs once, at the first.
 */
export function dstNoteFor(trigger: CronTrigger): (fire: number) => string | undefined {
  const zone = trigger.timezone;
  const cron = createCron(trigger.expression, zone);
  const pattern = createCronPattern(trigger.expression, zone);

  const gapNote = (fire: number): string | undefined => {
    if (cron.match(new Date(fire))) return undefined;
    const wall = wallTime(fire, zone);
    const gapMs = utcOffsetMs(fire, zone) - utcOffsetMs(fire - SECOND, zone);
    const end = wall.hour * 3600 + wall.minute * 60 + wall.second;
    const missed = patternTimesIn(pattern, Math.max(0, end - gapMs / SECOND), end);
    if (missed.length === 0) return undefined;
    const verb = missed.length === 1 ? 'does' : 'do';
    const names = missed.map(hourMinute).join(', ');
    const runsAt = formatHourMinute(wall.hour, wall.minute);
    return `DST gap: ${names} ${verb} not exist on ${formatDate(wall)}; runs at ${runsAt}`;
  };

  // A fixed-time job runs at the first pass, so only a later repeat of its wall time is looked for.
  const overlapNote = (fire: number): string | undefined => {
    if (!pattern.isFixedTime) return undefined;
    const fallBackMs = utcOffsetMs(fire, zone) - utcOffsetMs(fire + LONGEST_DST_SHIFT_MS, zone);
    const wall = wallTime(fire, zone);
    if (fallBackMs <= 0 || !sameWallTime(wallTime(fire + fallBackMs, zone), wall)) return undefined;
    return `DST overlap: runs once, at the first ${formatHourMinute(wall.hour, wall.minute)}`;
  };

  return (fire) => gapNote(fire) ?? overlapNote(fire);
}
