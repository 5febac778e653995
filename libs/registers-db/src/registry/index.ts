export * from './database-registry';
export * from './interfaces/database-registry-options.interface';
export * from './interfaces/seeder.interface';
export type { SchemaChange } from './migration-file';
export * from './interfaces/model-subscriber.interface';
export { modelSubscribers } from './model-subscribers';
