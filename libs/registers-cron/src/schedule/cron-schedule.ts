import { CronTrigger } from '../interfaces/trigger.interface';
import { collectFires } from './collect-fires';
import { createCron } from './cron-options';
import { FireSchedule } from './fire-schedule.interface';

const toMs = (date: Date | null | undefined): number | null => (date ? date.getTime() : null);

/** Fire instants of a cron expression read in its zone, computed by croner (no timers). */
export function cronSchedule(trigger: CronTrigger): FireSchedule {
  const cron = createCron(trigger.expression, trigger.timezone);
  const nextAfter = (after: number): number | null => toMs(cron.nextRun(new Date(after)));
  return {
    nextAfter,
    // previousRuns excludes a run exactly at its reference (whole second) and includes one
    // earlier in the same second, so one millisecond later makes it "at or before `at`".
    latestAtOrBefore: (at) => toMs(cron.previousRuns(1, new Date(at + 1))[0]),
    firesBetween: (fromExclusive, toInclusive, limit) =>
      collectFires(nextAfter, fromExclusive, toInclusive, limit),
  };
}
