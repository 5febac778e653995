export * from './database-connection';
export * from './database-url';
export type { ExecuteResult } from './statement-executor.interface';
