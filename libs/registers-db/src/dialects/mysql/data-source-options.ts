import type { DataSourceOptions } from 'typeorm';
import type { DataSourceInputs } from '../base/dialect-bundle.interface';
import { detectMysqlFlavor } from './flavor';

/**
 * Settings the pool and TypeORM share: full unicode, UTC, big numbers as numbers (digit
 * strings beyond 2^53), dates as text: mysql2 parses years 1–99 as 1901–1999, so the
 * dialect's read rule parses the text itself.
 */
export const MYSQL_CONNECTION_SETTINGS = {
  charset: 'utf8mb4_unicode_ci',
  timezone: 'Z',
  supportBigNumbers: true,
  bigNumberStrings: false,
  dateStrings: true,
} as const;

/** TypeORM's `mysql` or `mariadb` driver (they read the catalog differently). */
export async function mysqlDataSourceOptions({
  parsed,
  entities,
  extras,
  logging,
  session,
}: DataSourceInputs): Promise<DataSourceOptions> {
  const type = extras?.type === undefined ? await detectMysqlFlavor(parsed, session) : 'mysql';
  return {
    type,
    connectorPackage: 'mysql2',
    url: parsed.url,
    entities,
    logging,
    ...MYSQL_CONNECTION_SETTINGS,
    ...extras,
  } as DataSourceOptions;
}
