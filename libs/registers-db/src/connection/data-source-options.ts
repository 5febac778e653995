import type { DataSourceOptions, EntitySchema } from 'typeorm';
import type { ParsedDatabaseUrl } from './database-url';

/**
 * TypeORM options per dialect. The DataSource adopts the connection's open driver handle
 * (see adoptDriverHandle), so pool and pragma settings live in drivers/open-driver.ts.
 */
export function buildDataSourceOptions(
  parsed: ParsedDatabaseUrl,
  entities: EntitySchema[],
  extras: Record<string, unknown> = {},
  logging = false,
  mysqlFlavor: 'mysql' | 'mariadb' = 'mysql',
): DataSourceOptions {
  if (parsed.dialect === 'sqlite') {
    const file = parsed.file ?? ':memory:';
    return {
      type: 'better-sqlite3',
      database: file,
      entities,
      logging,
      ...extras,
    } as DataSourceOptions;
  }
  if (parsed.dialect === 'postgres') {
    return { type: 'postgres', url: parsed.url, entities, logging, ...extras } as DataSourceOptions;
  }
  return {
    type: mysqlFlavor,
    connectorPackage: 'mysql2',
    url: parsed.url,
    entities,
    logging,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: false,
    ...extras,
  } as DataSourceOptions;
}
