import type { JobDefinition } from '../interfaces/job-definition.interface';
import type { ScheduledTrigger } from '../interfaces/trigger.interface';
import type { FireSchedule } from '../schedule/fire-schedule.interface';

/**
 * What the runtime reads of the declared jobs. CronRegistry (the Nest provider at the
 * library's root) implements it; the runtime names only this, so it never imports the root.
 */
export interface DeclaredJobs {
  all(): JobDefinition[];
  has(name: string): boolean;
  /** Throws UnknownJobError for a name that is not declared. */
  get(name: string): JobDefinition;
  byWebhookPath(path: string): JobDefinition | undefined;
  /** The job's fire schedule, built (and its expression checked) on first use. */
  schedule(job: JobDefinition & { trigger: ScheduledTrigger }): FireSchedule;
}
