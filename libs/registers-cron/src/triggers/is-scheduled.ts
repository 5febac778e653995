import type { JobDefinition } from '../interfaces/job-definition.interface';
import type { ScheduledTrigger } from '../interfaces/trigger.interface';

/** Whether the job fires on a schedule (cron or interval), not only when something triggers it. */
export function isScheduled(
  job: JobDefinition,
): job is JobDefinition & { trigger: ScheduledTrigger } {
  return job.trigger.kind === 'cron' || job.trigger.kind === 'interval';
}
