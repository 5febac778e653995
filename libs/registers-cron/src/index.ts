// Public API of @registers/cron. Nothing outside this file is imported by users.
export * from './decorators';
export * from './interfaces';
export * from './common/errors';
export { Trigger, describeTrigger, type IntervalSpec } from './triggers/trigger';
export { RegistersCronModule } from './cron.module';
export { DEFAULT_SECRET_FIELDS } from './dashboard/redact';
export { DEFAULT_DASHBOARD_PATH } from './dashboard/dashboard-config';
export { CronService, type RunResult, type WorkflowDefinition } from './cron.service';
export { CronRegistry } from './cron.registry';
export { CronOrchestrator, type StartOptions } from './cron.orchestrator';
export { CronMetadataAccessor } from './cron-metadata.accessor';
export { kebabCase } from './job-definition.factory';
export type { CronClock } from './interfaces/cron-clock.interface';
export { retryDelayMs } from './runtime/backoff';
export type { ExplainedFire, FireSchedule } from './schedule/fire-schedule.interface';
export {
  CRON_TABLE_MODELS,
  CronEventRow,
  CronInstanceRow,
  CronJobRow,
  CronRunRow,
  CronWorkflowRow,
} from './store/tables/cron-tables';
export {
  DEFAULT_WORKERS,
  DEFAULT_LEASE_SECONDS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_WEBHOOK_PREFIX,
  REGISTERS_CRON_OPTIONS,
} from './common/constants';
