import type { DatabaseConnection } from '../connection/database-connection';
import { loadTypeorm } from '../connection/load-typeorm';
import type {
  GenerateMigrationOptions,
  GeneratedMigration,
  MigrationStatus,
  SchemaChanges,
} from './interfaces/migration.interfaces';
import { assertMigrationName } from './migration-file';
import { writeMigrationFile } from './migration-writer';
import { reloadMigrations } from './reload-migrations';

/** Table of executed TypeORM migrations unless `migrationsTableName` names another. */
export const DEFAULT_MIGRATIONS_TABLE = 'registers_migrations';

/**
 * The TypeORM migrations of one registry (`registry.migrations`): generated from the
 * difference between the models and the database, run and reverted through TypeORM's
 * DataSource, which records them in `registers_migrations`. On an adopted application
 * DataSource they are its migrations and table: one history with the application's own.
 * The additive sync without migration files is `registry.sync`.
 */
export class Migrator {
  constructor(private readonly connection: DatabaseConnection) {}

  /**
   * What TypeORM would change to make the database match the registered models (its schema
   * builder compares the entity schemas with the live catalog): `up` and `down` statements.
   */
  async changes(): Promise<SchemaChanges> {
    const source = await this.connection.schemaDataSource();
    const log = await source.driver.createSchemaBuilder().log();
    const map = (q: { query: string; parameters?: unknown[] }) => ({
      query: q.query,
      ...(q.parameters?.length ? { parameters: q.parameters } : {}),
    });
    return { up: log.upQueries.map(map), down: log.downQueries.map(map).reverse() };
  }

  /**
   * Writes a migration `<timestamp>-<name>.ts` (or `.js`, CommonJS) for the pending schema
   * changes into `directory` (default `migrations`). Returns null when the database already
   * matches the models.
   */
  async generate(
    name: string,
    options: GenerateMigrationOptions = {},
  ): Promise<GeneratedMigration | null> {
    assertMigrationName(name);
    const changes = await this.changes();
    if (changes.up.length === 0) return null;
    return writeMigrationFile(name, changes, {
      directory: options.directory ?? 'migrations',
      timestamp: options.timestamp ?? Date.now(),
      extension: options.extension ?? 'ts',
    });
  }

  /** Migrations given in `migrations` (or `typeorm.migrations`) and whether each ran. */
  async status(): Promise<MigrationStatus[]> {
    const { MigrationExecutor } = loadTypeorm();
    const executor = new MigrationExecutor(await this.connection.dataSource());
    const [all, executed] = await Promise.all([
      executor.getAllMigrations(),
      executor.getExecutedMigrations(),
    ]);
    const done = new Set(executed.map((m) => m.name));
    return all.map((m) => ({ name: m.name, executed: done.has(m.name) }));
  }

  /** Runs pending migrations, each in its own transaction. Returns the names run. */
  async run(): Promise<string[]> {
    const source = await this.connection.dataSource();
    try {
      return (await source.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      this.connection.resetStatements();
    }
  }

  /** Reverts the last executed migration. Returns its name, or null when none ran. */
  async revert(): Promise<string | null> {
    const executed = (await this.status()).filter((m) => m.executed);
    if (executed.length === 0) return null;
    const source = await this.connection.dataSource();
    try {
      await source.undoLastMigration({ transaction: 'each' });
    } finally {
      this.connection.resetStatements();
    }
    return executed[executed.length - 1].name;
  }

  /**
   * Reads the configured migrations again (TypeORM loads them when the connection opens; a
   * migration generated since then is otherwise not seen by `run()` in the same process).
   */
  reload(): Promise<void> {
    return reloadMigrations(this.connection);
  }
}
