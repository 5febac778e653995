import type { DataSourceOptions, EntitySchema } from 'typeorm';
import type { ParsedDatabaseUrl } from './database-url';

/** SQLite waits this long for another process's write lock before "database is locked". */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** TypeORM options per dialect; the only place that knows how each engine is configured. */
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
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      enableWAL: file !== ':memory:',
      prepareDatabase: (db: any) => {
        db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
        db.pragma('synchronous = NORMAL');
      },
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
