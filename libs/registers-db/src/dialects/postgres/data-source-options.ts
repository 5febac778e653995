import type { DataSourceOptions } from 'typeorm';
import type { DataSourceInputs } from '../base/dialect-bundle.interface';

/** TypeORM's postgres driver, on the connection's pool. */
export async function postgresDataSourceOptions({
  parsed,
  entities,
  extras,
  logging,
}: DataSourceInputs): Promise<DataSourceOptions> {
  return { type: 'postgres', url: parsed.url, entities, logging, ...extras } as DataSourceOptions;
}
