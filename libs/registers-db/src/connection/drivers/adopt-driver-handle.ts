import type { DataSource } from 'typeorm';
import type { DialectName } from '../../dialects/query-dialect.interface';

/**
 * Makes a TypeORM DataSource use the connection's already open driver handle instead of
 * opening its own (so `sqlite::memory:` stays one database and servers see one pool).
 * These are the factory methods TypeORM's drivers call from `connect()`.
 */
export function adoptDriverHandle(source: DataSource, dialect: DialectName, handle: unknown): void {
  const driver = source.driver as any;
  if (dialect === 'sqlite') driver.createDatabaseConnection = async () => handle;
  else driver.createPool = async () => handle;
}
