import { CommandExecutionError } from '@registers/cli';

/** A `db …` command could not open or query its database. The URL in it is redacted. */
export class DatabaseUnreachableError extends CommandExecutionError {}

/** `db status --check` found tables that differ from their models. */
export class SchemaDriftError extends CommandExecutionError {}

/** The migration commands are not wired to the registry's migrations. */
export class MigrationsNotConfiguredError extends CommandExecutionError {}
