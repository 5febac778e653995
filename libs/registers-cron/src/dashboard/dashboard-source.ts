import type {
  CronStatus,
  EventRecord,
  JobSummary,
  RunRecord,
} from '../interfaces/records.interface';
import type { ExplainedFire } from '../schedule/fire-schedule.interface';

/**
 * The part of `CronService` the dashboard reads and acts through: the same methods the
 * console commands use, so a page and `cron history` show the same thing and an action
 * and its console command do the same thing. Declared here to keep the dashboard below
 * the Nest wiring in the layer order.
 */
export interface DashboardSource {
  readonly instanceId: string;
  jobs(): Promise<JobSummary[]>;
  explain(name: string, options: { count?: number }): ExplainedFire[];
  history(options: {
    job?: string;
    limit?: number;
    eventId?: number;
    status?: string;
    beforeId?: number;
  }): Promise<RunRecord[]>;
  event(id: number): Promise<EventRecord>;
  deadLetters(limit?: number): Promise<EventRecord[]>;
  status(): Promise<CronStatus>;
  trigger(name: string, payload?: unknown, options?: { source?: string }): Promise<number>;
  retry(eventId: number): Promise<EventRecord>;
  pause(name: string): Promise<void>;
  resume(name: string): Promise<void>;
}
