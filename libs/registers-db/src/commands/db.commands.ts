import { Inject, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Arg, CliCommand, CliGroup, CommandContext, Ctx, DryRun } from '@registers/cli';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import { getRegistryToken } from '../nest/registers-db.tokens';
import { DatabaseRegistry } from '../registry/database-registry';
import { migrationFilesIn } from '../migrations/migration-files';
import { formatAdditiveMigration } from './additive-migration';
import { DEFAULT_DB_COMMAND_GROUP, REGISTERS_DB_COMMANDS_OPTIONS } from './commands.constants';
import { checkHealth } from './database-health';
import { MigrationsNotConfiguredError, SchemaDriftError } from './db-command.errors';
import type { ResolvedDbCommandsOptions } from './interfaces/registers-db-commands-options.interface';
import { openDatabase } from './open-database';
import { describeDrift, formatSchemaStatus, schemaStatus, schemaStatusRows } from './schema-status';

export const DB_COMMANDS_DESCRIPTION = 'Database schema, migrations, health and seeders';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `db …` operator commands over one DatabaseRegistry. The registry is looked up at startup
 * (no connection); each command opens the connection when it runs.
 */
@CliGroup(DEFAULT_DB_COMMAND_GROUP, { description: DB_COMMANDS_DESCRIPTION })
export class DbCommands implements OnModuleInit {
  private registryRef?: DatabaseRegistry;

  constructor(
    @Inject(REGISTERS_DB_COMMANDS_OPTIONS) private readonly options: ResolvedDbCommandsOptions,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const name = this.options.connection;
    try {
      this.registryRef = this.moduleRef.get<DatabaseRegistry>(getRegistryToken(name) as string, {
        strict: false,
      });
    } catch {
      this.registryRef = undefined;
    }
    if (!(this.registryRef instanceof DatabaseRegistry)) {
      throw new ConfigurationError(configurationMessages.unknownCommandRegistry(name), {
        registry: name,
      });
    }
  }

  private get registry(): DatabaseRegistry {
    return this.registryRef!;
  }

  private get group(): string {
    return this.options.group;
  }

  private async open(ctx: CommandContext): Promise<DatabaseRegistry> {
    await openDatabase(this.registry, ctx.command);
    return this.registry;
  }

  @CliCommand('status', {
    description: 'Compare every registered table with its model (reads only)',
    mcp: { readOnly: true },
  })
  async status(
    @Arg('check', { help: 'Exit 1 when a table is missing or differs from its model' })
    check: boolean,
    @Ctx() ctx: CommandContext,
  ) {
    const report = await schemaStatus(await this.open(ctx));
    if (check && !report.upToDate) {
      const drifting = report.tables.filter((t) => t.status !== 'ok');
      throw new SchemaDriftError(
        `Schema drift in ${drifting.length} of ${report.tables.length} tables: ${drifting
          .map((t) => `${t.table}: ${describeDrift(t)}`)
          .join(' | ')}`,
        { command: ctx.command, registry: report.registry, tables: drifting },
      );
    }
    if (ctx.output === 'plain') return formatSchemaStatus(report, this.group);
    return ctx.output === 'json' ? report : schemaStatusRows(report);
  }

  @CliCommand('create-all', {
    description: 'Create every missing table of the registered models (keeps existing ones)',
  })
  async createAll(@Ctx() ctx: CommandContext) {
    const registry = await this.open(ctx);
    const created = await registry.sync.createAll();
    const tables = registry.models().map((m) => registry.metadata(m).table);
    const existing = tables.filter((t) => !created.includes(t));
    if (ctx.output !== 'plain') return { created, existing };
    if (tables.length === 0) return `No models are registered (registry '${registry.name}').`;
    if (created.length === 0)
      return `Nothing to create: all ${plural(tables.length, 'table')} exist.`;
    return `Created ${plural(created.length, 'table')}: ${created.join(', ')}.`;
  }

  @CliCommand('migrate', {
    description: 'Add missing tables and columns (additive); --dry-run prints the statements only',
  })
  @DryRun()
  async migrate(@Ctx() ctx: CommandContext) {
    const registry = await this.open(ctx);
    const plan = await registry.sync.plan();
    const report = ctx.dryRun ? plan : await registry.sync.apply(plan);
    return ctx.output === 'plain' ? formatAdditiveMigration(report, this.group) : report;
  }

  @CliCommand('migration:generate', {
    description: `Write a TypeORM migration for the difference between the models and the database`,
  })
  async generateMigration(
    @Arg('name', { help: 'Migration name: letters, digits, - or _ (e.g. add-motto)' }) name: string,
    @Ctx() ctx: CommandContext,
  ) {
    const registry = await this.open(ctx);
    const generated = await registry.migrations.generate(name, {
      directory: this.options.migrationsDir,
      extension: this.options.migrationExtension,
    });
    if (!generated) {
      if (ctx.output !== 'plain') return { generated: false };
      return 'No schema changes: the database matches the models, no migration written.';
    }
    if (ctx.output !== 'plain') {
      const { path, className, up, down } = generated;
      return {
        generated: true,
        path,
        className,
        up: up.map((c) => c.query),
        down: down.map((c) => c.query),
      };
    }
    return `Generated ${generated.className} (${plural(generated.up.length, 'statement')}): ${generated.path}`;
  }

  @CliCommand('migration:run', {
    description: 'Run the pending TypeORM migrations, each in its own transaction',
  })
  async runMigrations(@Ctx() ctx: CommandContext) {
    const registry = await this.open(ctx);
    await this.requireConfiguredMigrations(registry, ctx);
    const ran = await registry.migrations.run();
    if (ctx.output !== 'plain') return { ran };
    if (ran.length === 0) return 'No pending migrations.';
    return `Ran ${plural(ran.length, 'migration')}: ${ran.join(', ')}.`;
  }

  @CliCommand('migration:revert', {
    description: 'Revert the last executed TypeORM migration',
    mcp: { destructive: true },
  })
  async revertMigration(@Ctx() ctx: CommandContext) {
    const registry = await this.open(ctx);
    await this.requireConfiguredMigrations(registry, ctx);
    const reverted = await registry.migrations.revert();
    if (ctx.output !== 'plain') return { reverted };
    return reverted ? `Reverted ${reverted}.` : 'No executed migration to revert.';
  }

  @CliCommand('migration:status', {
    description: 'List the TypeORM migrations the registry knows and whether each ran',
    mcp: { readOnly: true },
  })
  async migrationStatus(@Ctx() ctx: CommandContext) {
    const registry = await this.open(ctx);
    await this.requireConfiguredMigrations(registry, ctx);
    const migrations = await registry.migrations.status();
    if (ctx.output !== 'plain') return migrations;
    if (migrations.length === 0)
      return `No migrations are configured for registry '${registry.name}'.`;
    const pending = migrations.filter((m) => !m.executed).length;
    return [
      ...migrations.map((m) => `[${m.executed ? 'x' : ' '}] ${m.name}`),
      `${plural(migrations.length - pending, 'migration')} executed, ${pending} pending.`,
    ].join('\n');
  }

  /**
   * Re-reads the registry's migrations (a shell may have generated one since the connection
   * opened). Files in the migrations folder that the registry was not told about are a setup
   * mistake.
   */
  private async requireConfiguredMigrations(
    registry: DatabaseRegistry,
    ctx: CommandContext,
  ): Promise<void> {
    await registry.migrations.reload();
    if ((await registry.migrations.status()).length > 0) return;
    const dir = this.options.migrationsDir;
    const files = await migrationFilesIn(dir);
    if (files.length === 0) return;
    throw new MigrationsNotConfiguredError(
      `${dir} holds ${plural(files.length, 'migration file')} but registry '${registry.name}' knows no migrations: ` +
        `pass them to RegistersDbModule.forRoot({ migrations: ['${dir}/*.${this.options.migrationExtension}'] }) (or the migration classes).`,
      { command: ctx.command, registry: registry.name, directory: dir, files },
    );
  }

  @CliCommand('health', {
    description: 'Connect and run a trivial query: { status, dialect, latencyMs }',
    mcp: { readOnly: true },
  })
  async health(@Ctx() ctx: CommandContext) {
    return checkHealth(this.registry, ctx.command);
  }

  @CliCommand('seed', {
    description: 'Run the @Seeder() providers that have not run on this database, in order',
  })
  async seed(
    @Arg('only', { default: [], items: 'string', help: 'Seeder names to run (default: all)' })
    only: string[],
    @Arg('rerun', { help: 'Run the seeders again even when the ledger says they ran' })
    rerun: boolean,
    @Ctx() ctx: CommandContext,
  ) {
    const registry = await this.open(ctx);
    const results = await registry.seeds.run({
      force: rerun,
      only: only.length ? only : undefined,
    });
    if (ctx.output !== 'plain') return results;
    if (registry.seeds.names().length === 0)
      return `No seeders are registered for registry '${registry.name}'.`;
    return results
      .map((r) => `${r.name}: ${r.ran ? 'ran' : 'already applied, skipped'}`)
      .join('\n');
  }
}
