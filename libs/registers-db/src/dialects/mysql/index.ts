import type { DialectBundle } from '../base/dialect-bundle.interface';
import { adoptPoolHandle } from '../base/adopt-driver-handle';
import { mysqlDataSourceOptions } from './data-source-options';
import { MysqlDdl } from './ddl';
import { MysqlDialect } from './dialect';
import { isolateMysql } from './isolation';
import { openMysql } from './open';
import { adoptMysql, joinMysql } from './adopt';

/** MariaDB and MySQL through mysql2. */
export const mysql: DialectBundle = {
  name: 'mysql',
  dialect: new MysqlDialect(),
  ddl: new MysqlDdl(),
  pingOnOpen: true,
  open: openMysql,
  dataSourceOptions: mysqlDataSourceOptions,
  adoptHandle: adoptPoolHandle,
  adoptDataSource: adoptMysql,
  joinConnection: joinMysql,
  isolate: isolateMysql,
};
