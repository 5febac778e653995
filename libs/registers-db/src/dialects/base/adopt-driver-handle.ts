import type { DataSource } from 'typeorm';

/*
 * Make a TypeORM DataSource use the connection's already open driver handle instead of
 * opening its own (so `sqlite::memory:` stays one database and servers see one pool).
 * These are the factory methods TypeORM's drivers call from `connect()`.
 */

/** TypeORM's SQLite drivers ask for one database connection. */
export function adoptDatabaseHandle(source: DataSource, handle: unknown): void {
  (source.driver as any).createDatabaseConnection = async () => handle;
}

/** TypeORM's server drivers ask for a pool. */
export function adoptPoolHandle(source: DataSource, handle: unknown): void {
  (source.driver as any).createPool = async () => handle;
}
