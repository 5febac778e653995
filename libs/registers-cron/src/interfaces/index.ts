export * from './trigger.interface';
export * from './job-options.interface';
export * from './job-context.interface';
export * from './records.interface';
export * from './cron-module-options.interface';
export type { JobDefinition, ResolvedRetry, JobParam } from './job-definition.interface';
