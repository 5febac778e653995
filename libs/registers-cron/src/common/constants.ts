/** Metadata keys, injection tokens and defaults of @registers/cron, kept in one place. */
export const CRON_JOB_METADATA = 'registers:cron:job';
export const CRON_PARAMS_METADATA = 'registers:cron:params';

export const REGISTERS_CRON_OPTIONS = Symbol('REGISTERS_CRON_OPTIONS');

export const DEFAULT_WORKERS = 4;
export const DEFAULT_LEASE_SECONDS = 30;
export const DEFAULT_POLL_INTERVAL_MS = 1000;
export const DEFAULT_WEBHOOK_PREFIX = '/hooks';
export const DEFAULT_GRACE_SECONDS = 30;
export const DEFAULT_RETRY_ATTEMPTS = 3;
export const DEFAULT_CATCH_UP_WINDOW_SECONDS = 86_400;
export const DEFAULT_WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;
/** An instance whose heartbeat is older than this many leases is not listed as live. */
export const INSTANCE_STALE_AFTER_LEASES = 2;
/** Warn when this process's clock is further than this from the database's. */
export const CLOCK_SKEW_WARNING_MS = 60_000;

/** Names of the timers registered in @nestjs/schedule's SchedulerRegistry. */
export const SCHEDULER_TIMEOUT_PREFIX = 'registers-cron:';

export const EVENT_STATUSES = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'dead_letter',
  'skipped',
] as const;
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'skipped', 'timeout'] as const;
export const EVENT_SOURCES = ['schedule', 'manual', 'webhook', 'file', 'workflow'] as const;
