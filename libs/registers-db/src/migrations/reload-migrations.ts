import type { MigrationInterface } from 'typeorm';
import type { DatabaseConnection } from '../connection/database-connection';

/**
 * Reads the connection's `migrations` (classes and file globs) again. TypeORM loads them once,
 * when the connection opens; in a shell session (one process, one connection) a migration
 * written by `migration:generate` would otherwise stay invisible to `migration:run`.
 */
export async function reloadMigrations(connection: DatabaseConnection): Promise<void> {
  const source = await connection.dataSource();
  const configured = source.options.migrations ?? [];
  const list = Array.isArray(configured) ? configured : Object.values(configured);
  // Loaded here, not at import: the console's help never needs TypeORM.
  const { ConnectionMetadataBuilder } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('typeorm/connection/ConnectionMetadataBuilder') as typeof import('typeorm/connection/ConnectionMetadataBuilder');
  const migrations = await new ConnectionMetadataBuilder(source).buildMigrations(list);
  (source as { migrations: MigrationInterface[] }).migrations = migrations;
}
