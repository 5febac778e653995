import type { ArtifactJob } from './artifact.interface';
import { parseCronExpression, type ParsedCron } from '../cron/cron-expression';
import { minGapSeconds, toCronSyntax } from '../cron/cron-syntax';
import { describeInterval, intervalToCron } from '../cron/interval-mapping';
import { jobLabel } from './target-result';

/** A job's schedule in 5-field cron syntax, the zone it is read in and the shortest gap between fires. */
export interface CronSchedule {
  expression: string;
  timezone: string;
  minGapSeconds: number;
}

export type CronScheduleResult =
  { ok: true; schedule: CronSchedule } | { ok: false; reason: string };

/** A job's cron expression parsed, or why `label` (the target's schedule) cannot express it. */
export function parseCronFor(
  job: ArtifactJob,
  expression: string,
  label: string,
): { ok: true; cron: ParsedCron } | { ok: false; reason: string } {
  const parsed = parseCronExpression(expression);
  if (parsed.ok) return { ok: true, cron: parsed.cron };
  return {
    ok: false,
    reason:
      'feature' in parsed
        ? `${jobLabel(job)}: ${parsed.feature} in '${expression}' cannot be expressed in ${label}`
        : `${jobLabel(job)}: invalid cron expression '${expression}': ${parsed.invalid}`,
  };
}

/**
 * The schedule of a cron or interval job for the targets that take cron syntax (crontab, GitHub
 * Actions, Kubernetes); `label` names the target's schedule in messages (`crontab`).
 * Manual, webhook and file-change jobs have none.
 */
export function cronScheduleOf(job: ArtifactJob, label: string): CronScheduleResult {
  const trigger = job.trigger;
  if (trigger.kind === 'interval') {
    const mapped = intervalToCron(trigger.everySeconds, trigger.offsetSeconds);
    if (!mapped.ok) {
      const what = describeInterval(trigger.everySeconds, trigger.offsetSeconds);
      return {
        ok: false,
        reason: `${jobLabel(job)}: ${what} has no exact ${label} equivalent (${mapped.why})`,
      };
    }
    return {
      ok: true,
      schedule: { expression: mapped.value, timezone: 'UTC', minGapSeconds: trigger.everySeconds },
    };
  }
  if (trigger.kind !== 'cron') return { ok: false, reason: `${trigger.kind} job has no schedule` };
  const parsed = parseCronFor(job, trigger.expression, label);
  if (!parsed.ok) return parsed;
  const syntax = toCronSyntax(parsed.cron);
  if (!syntax.ok) {
    return {
      ok: false,
      reason: `${jobLabel(job)}: ${syntax.feature} in '${trigger.expression}' cannot be expressed in ${label}`,
    };
  }
  return {
    ok: true,
    schedule: {
      expression: syntax.expression,
      timezone: trigger.timezone || 'UTC',
      minGapSeconds: minGapSeconds(parsed.cron),
    },
  };
}
