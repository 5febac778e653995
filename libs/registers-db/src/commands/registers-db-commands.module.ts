import { DynamicModule, Module, Type } from '@nestjs/common';
import { CliGroup } from '@registers/cli';
import { DEFAULT_REGISTRY_NAME } from '../constants';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import {
  DEFAULT_DB_COMMAND_GROUP,
  DEFAULT_MIGRATIONS_DIR,
  REGISTERS_DB_COMMANDS_OPTIONS,
} from './commands.constants';
import { DB_COMMANDS_DESCRIPTION, DbCommands } from './db.commands';
import { defaultMigrationExtension } from '../migrations/migration-writer';
import type {
  RegistersDbCommandsOptions,
  ResolvedDbCommandsOptions,
} from './interfaces/registers-db-commands-options.interface';

/** The same commands under another group name (a second registry's `analytics-db …`). */
function commandsInGroup(group: string, registry: string): Type<DbCommands> {
  const Grouped = class extends DbCommands {};
  Object.defineProperty(Grouped, 'name', { value: `DbCommands[${group}]` });
  CliGroup(group, { description: `${DB_COMMANDS_DESCRIPTION} (registry '${registry}')` })(Grouped);
  return Grouped;
}

/**
 * Adds the `db …` operator commands (status, create-all, migrate, migration:generate|run|revert|status,
 * health, seed) to a registers console. Needs `RegistersCliModule.forRoot()` and
 * `RegistersDbModule.forRoot()` in the same application; opens no connection until a command runs.
 */
@Module({})
export class RegistersDbCommandsModule {
  static forRoot(options: RegistersDbCommandsOptions = {}): DynamicModule {
    if (
      options.migrationExtension !== undefined &&
      !['ts', 'js'].includes(options.migrationExtension)
    ) {
      throw new ConfigurationError(
        configurationMessages.invalidMigrationExtension(String(options.migrationExtension)),
        { migrationExtension: String(options.migrationExtension) },
      );
    }
    const resolved: ResolvedDbCommandsOptions = {
      connection: options.connection ?? DEFAULT_REGISTRY_NAME,
      migrationsDir: options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR,
      group: options.group ?? DEFAULT_DB_COMMAND_GROUP,
      migrationExtension: options.migrationExtension ?? defaultMigrationExtension(),
    };
    const commands =
      resolved.group === DEFAULT_DB_COMMAND_GROUP
        ? DbCommands
        : commandsInGroup(resolved.group, resolved.connection);
    return {
      module: RegistersDbCommandsModule,
      providers: [{ provide: REGISTERS_DB_COMMANDS_OPTIONS, useValue: resolved }, commands],
    };
  }
}
