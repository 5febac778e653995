import type { DialectBundle } from '../base/dialect-bundle.interface';
import { adoptDatabaseHandle } from '../base/adopt-driver-handle';
import { sqliteDataSourceOptions } from './data-source-options';
import { SqliteDdl } from './ddl';
import { SqliteDialect } from './dialect';
import { isolateSqlite } from './isolation';
import { openSqlite } from './open';
import { adoptSqlite, joinSqlite } from './adopt';

/** SQLite through better-sqlite3 (embedded: opening it reaches no server). */
export const sqlite: DialectBundle = {
  name: 'sqlite',
  dialect: new SqliteDialect(),
  ddl: new SqliteDdl(),
  pingOnOpen: false,
  open: openSqlite,
  dataSourceOptions: sqliteDataSourceOptions,
  adoptHandle: adoptDatabaseHandle,
  adoptDataSource: adoptSqlite,
  joinConnection: joinSqlite,
  isolate: isolateSqlite,
};
