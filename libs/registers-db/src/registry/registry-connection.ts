import type { EntitySchema } from 'typeorm';
import { DatabaseConnection } from '../connection/database-connection';
import { DEFAULT_MIGRATIONS_TABLE } from '../migrations/migrator';
import type { DatabaseRegistryOptions } from './interfaces/database-registry-options.interface';

const KNOWN_OPTIONS = new Set([
  'url',
  'name',
  'autoCreate',
  'logging',
  'typeorm',
  'connection',
  'migrations',
  'migrationsTableName',
  'encryption',
  'dataSource',
]);

/**
 * The connection a registry opens from its options (nothing connects yet). Unknown options
 * go to TypeORM's DataSource, as do `migrations` and the migrations table name.
 */
export function registryConnection(
  options: DatabaseRegistryOptions,
  name: string,
  entities: () => EntitySchema[],
): DatabaseConnection {
  const extras: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options))
    if (!KNOWN_OPTIONS.has(key)) extras[key] = value;
  return new DatabaseConnection({
    url: options.url,
    dataSource: options.dataSource,
    name,
    logging: options.logging,
    typeorm: {
      migrationsTableName: options.migrationsTableName ?? DEFAULT_MIGRATIONS_TABLE,
      ...(options.migrations ? { migrations: options.migrations } : {}),
      ...extras,
      ...options.typeorm,
    },
    entities,
  });
}
