import type { DialectBundle } from '../base/dialect-bundle.interface';
import { adoptPoolHandle } from '../base/adopt-driver-handle';
import { postgresDataSourceOptions } from './data-source-options';
import { PostgresDdl } from './ddl';
import { PostgresDialect } from './dialect';
import { isolatePostgres } from './isolation';
import { openPostgres } from './open';
import { adoptPostgres, joinPostgres } from './adopt';

/** PostgreSQL through pg. */
export const postgres: DialectBundle = {
  name: 'postgres',
  dialect: new PostgresDialect(),
  ddl: new PostgresDdl(),
  pingOnOpen: true,
  open: openPostgres,
  dataSourceOptions: postgresDataSourceOptions,
  adoptHandle: adoptPoolHandle,
  adoptDataSource: adoptPostgres,
  joinConnection: joinPostgres,
  isolate: isolatePostgres,
};
