import type { DataSourceOptions } from 'typeorm';
import type { DataSourceInputs } from '../base/dialect-bundle.interface';

/** TypeORM's better-sqlite3 driver, on the same file the connection opened. */
export async function sqliteDataSourceOptions({
  parsed,
  entities,
  extras,
  logging,
}: DataSourceInputs): Promise<DataSourceOptions> {
  const file = parsed.file ?? ':memory:';
  return {
    type: 'better-sqlite3',
    database: file,
    entities,
    logging,
    ...extras,
  } as DataSourceOptions;
}
