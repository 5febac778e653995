export * from './database-connection';
export * from './database-url';
export type { ExecuteResult, TransactionOptions } from '../dialects/base/driver-session.interface';
export * from './database-environment';
