import type { LoggerService } from '@nestjs/common';

/** What `@JobCtx()` injects into a handler. */
export interface JobContext {
  job: string;
  eventId: number;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Aborted on `maxRuntimeSeconds`, when the lease is lost, and on shutdown past the grace period. */
  signal: AbortSignal;
  logger: LoggerService;
  /** The fire instant of a cron or interval event, else null. */
  scheduledAt: Date | null;
  /** Stable across the attempts of one event: `<job>:<fire key>`. Use it to make side effects idempotent. */
  idempotencyKey: string;
  /** Id of the instance running this attempt. */
  instance: string;
}

/** What `@JobEvent()` injects: the event being run. */
export interface JobEventRecord {
  id: number;
  source: string;
  payload: unknown;
}
