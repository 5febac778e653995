import type { Cron, CronOptions, CronPattern } from 'croner';
import { loadCroner } from './load-croner';

/**
 * How every cron expression is read.
 * - `mode: '5-or-6-parts'`: 5 fields, or 6 with seconds first (nicknames too); no year field.
 * - `fixedTimeRule: 'no-wildcard'`: Vixie cron's DST rule. A job without `*` or a step in its
 *   time fields (`30 2 * * *`, also `30 1,13 * * *`) is fixed-time: inside a spring-forward gap
 *   it runs once at the first valid time, inside a repeated fall-back hour once, at the first
 *   pass. Other jobs (`*\/30 * * * *`) skip gap times and run through both passes.
 * - `domAndDow` stays false: day-of-month OR day-of-week, as in Vixie cron.
 * No callback and no `name`: croner never starts a timer nor keeps a reference; only its
 * run-time computation is used.
 */
function cronOptions(timezone: string): CronOptions {
  return { timezone, mode: '5-or-6-parts', fixedTimeRule: 'no-wildcard' };
}

/** Croner reads a pattern holding `:` as a one-off date (`2030-01-01T00:00:00`); that is not a schedule. */
function refuseDates(expression: string): void {
  if (expression.includes(':')) throw new Error('a date is not a cron expression');
}

export function createCron(expression: string, timezone: string): Cron {
  refuseDates(expression);
  return new (loadCroner().Cron)(expression, cronOptions(timezone));
}

export function createCronPattern(expression: string, timezone: string): CronPattern {
  refuseDates(expression);
  return new (loadCroner().CronPattern)(expression, timezone, cronOptions(timezone));
}
