export { Migrator, DEFAULT_MIGRATIONS_TABLE } from './migrator';
export type {
  GenerateMigrationOptions,
  GeneratedMigration,
  MigrationExtension,
  MigrationStatus,
  SchemaChanges,
} from './interfaces/migration.interfaces';
export type { SchemaChange } from './migration-file';
