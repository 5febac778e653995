// @registers/db/commands: the `db …` operator commands for a registers console.
export { RegistersDbCommandsModule } from './registers-db-commands.module';
export { DbCommands } from './db.commands';
export {
  DatabaseUnreachableError,
  SchemaDriftError,
  MigrationsNotConfiguredError,
} from './db-command.errors';
export {
  REGISTERS_DB_COMMANDS_OPTIONS,
  DEFAULT_DB_COMMAND_GROUP,
  DEFAULT_MIGRATIONS_DIR,
} from './commands.constants';
export { commonJsMigrationSource, defaultMigrationExtension } from '../migrations/migration-writer';
export type { GeneratedMigration as WrittenMigration } from '../migrations/interfaces/migration.interfaces';
export type {
  MigrationExtension,
  RegistersDbCommandsOptions,
  ResolvedDbCommandsOptions,
  SchemaStatusReport,
  TableStatus,
  AdditiveMigrationReport,
  MigrationStep,
  UnresolvedDrift,
  HealthReport,
} from './interfaces';
