import type { EVENT_STATUSES, RUN_STATUSES } from '../common/constants';
import type { CatchUpPolicy, OverlapPolicy } from './job-options.interface';

export type EventStatus = (typeof EVENT_STATUSES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];

/** An event (a queued fire, trigger, webhook call or file change) as the console and API show it. */
export interface EventRecord {
  id: number;
  job: string;
  source: string;
  status: EventStatus;
  /** Attempts started so far. */
  attempt: number;
  payload: unknown;
  /** ISO 8601 UTC. */
  createdAt: string;
  runAfter: string;
  /** The fire instant for cron/interval events, else null. */
  scheduledAt: string | null;
  error?: string | null;
}

/** One attempt of an event. */
export interface RunRecord {
  id: number;
  job: string;
  eventId: number;
  attempt: number;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  result: unknown;
  error: string | null;
  instance: string;
}

export interface InstanceRecord {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  heartbeatAt: string;
}

export interface CronStatus {
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  deadLetter: number;
  skipped: number;
  runs: number;
  instances: InstanceRecord[];
}

/** A declared job as `cron jobs` lists it. */
export interface JobSummary {
  name: string;
  trigger: string;
  kind: string;
  /** The IANA zone a cron schedule is read in (`UTC` for intervals); null without a schedule. */
  timezone: string | null;
  paused: boolean;
  enabled: boolean;
  retry: string;
  overlap: OverlapPolicy;
  catchUp: CatchUpPolicy;
  tags: string[];
  next: string | null;
}

/**
 * A registered workflow (`cron register-workflow`): a file run through either a job (triggered
 * with `{ workflow, file }` merged into the payload) or a shell command.
 */
export interface WorkflowRecord {
  name: string;
  file: string;
  job: string | null;
  command: string | null;
  /** ISO 8601 UTC. */
  createdAt: string;
}
