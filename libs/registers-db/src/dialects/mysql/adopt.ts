import type { Pool, PoolConnection } from 'mysql2';
import type { DataSource } from 'typeorm';
import type { OpenDriver } from '../base/dialect-bundle.interface';
import type { DriverSession, TransactionSession } from '../base/driver-session.interface';
import { adoptedDriver, leaveOpen } from '../base/adopted-data-source';
import { MYSQL_CONNECTION_SETTINGS } from './data-source-options';
import { MysqlSession } from './session';

const isMysql2Pool = (handle: unknown): handle is Pool =>
  typeof (handle as Pool)?.getConnection === 'function' &&
  typeof (handle as Pool)?.promise === 'function';

/**
 * Read settings each statement carries on the application's pool (mysql2 takes them per
 * statement): dates as text and big numbers as this library reads them on its own pool.
 */
const READ_SETTINGS = {
  dateStrings: MYSQL_CONNECTION_SETTINGS.dateStrings,
  supportBigNumbers: MYSQL_CONNECTION_SETTINGS.supportBigNumbers,
  timezone: MYSQL_CONNECTION_SETTINGS.timezone,
};

/** The mysql2 pool of a TypeORM `mysql` or `mariadb` DataSource. */
export function adoptMysql(source: DataSource): OpenDriver {
  const pool = adoptedDriver(
    source,
    (driver) => driver.pool,
    isMysql2Pool,
    "set connectorPackage: 'mysql2' in its options (and no replication)",
  );
  return { session: new MysqlSession(pool, READ_SETTINGS), handle: pool, close: leaveOpen };
}

/** The mysql2 connection a TypeORM query runner holds for its transaction. */
export function joinMysql(session: DriverSession, connection: unknown): TransactionSession {
  return (session as MysqlSession).joined(connection as PoolConnection);
}
