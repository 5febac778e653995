export * from './database-registry';
export type { DatabaseHealth } from './database-health';
export * from './interfaces/database-registry-options.interface';
export * from './interfaces/seeder.interface';
export * from './interfaces/model-subscriber.interface';
export { modelSubscribers } from './model-subscribers';
// Exported from here before migrations/ had a folder of its own.
export { DEFAULT_MIGRATIONS_TABLE } from '../migrations/migrator';
export type { MigrationStatus, SchemaChange } from '../migrations';
