import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { OpenDriver } from '../base/dialect-bundle.interface';
import type { DriverSession, TransactionSession } from '../base/driver-session.interface';
import { adoptedDriver, leaveOpen } from '../base/adopted-data-source';
import { PostgresSession } from './session';

const isPgPool = (handle: unknown): handle is Pool =>
  typeof (handle as Pool)?.connect === 'function' && typeof (handle as Pool)?.query === 'function';

/** The pg pool of a TypeORM `postgres` DataSource (its primary, under replication). */
export function adoptPostgres(source: DataSource): OpenDriver {
  const pool = adoptedDriver(
    source,
    (driver) => driver.master,
    isPgPool,
    "TypeORM's postgres driver has no pg pool",
  );
  return { session: new PostgresSession(pool), handle: pool, close: leaveOpen };
}

/** The pg client a TypeORM query runner holds for its transaction. */
export function joinPostgres(session: DriverSession, client: unknown): TransactionSession {
  return (session as PostgresSession).joined(client as PoolClient);
}
