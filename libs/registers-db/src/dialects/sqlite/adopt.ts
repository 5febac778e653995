import type { Database } from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import type { OpenDriver } from '../base/dialect-bundle.interface';
import type { DriverSession, TransactionSession } from '../base/driver-session.interface';
import { adoptedDriver, leaveOpen } from '../base/adopted-data-source';
import { SQLITE_BUSY_TIMEOUT_MS } from './open';
import { SqliteSession } from './session';

const isBetterSqlite = (handle: unknown): handle is Database =>
  typeof (handle as Database)?.prepare === 'function' &&
  typeof (handle as Database)?.pragma === 'function';

/**
 * The better-sqlite3 database of a TypeORM `better-sqlite3` DataSource. Its pragmas stay as
 * the application set them; the busy wait is the DataSource's `timeout` option.
 */
export function adoptSqlite(source: DataSource): OpenDriver {
  const db = adoptedDriver(
    source,
    (driver) => driver.databaseConnection,
    isBetterSqlite,
    "use TypeORM's 'better-sqlite3' type (the 'sqlite' type's driver is asynchronous)",
  );
  const timeout = (source.options as { timeout?: unknown }).timeout;
  const busyTimeoutMs = typeof timeout === 'number' ? timeout : SQLITE_BUSY_TIMEOUT_MS;
  return { session: new SqliteSession(db, busyTimeoutMs), handle: db, close: leaveOpen };
}

/** SQLite has one connection: a TypeORM transaction on it already holds every statement. */
export function joinSqlite(session: DriverSession): TransactionSession {
  return (session as SqliteSession).joined();
}
