export interface ExecuteResult {
  /** Rows changed by the statement (for MySQL upserts: 1 inserted, 2 updated). */
  affected: number;
  /** Auto-increment id of the last inserted row, where the driver reports one. */
  insertId?: number;
  /** Rows returned by the statement (RETURNING), otherwise empty. */
  rows: Record<string, unknown>[];
}

/** Statements that run synchronously, on a driver that can (better-sqlite3). */
export interface ImmediateStatements {
  queryNow(sql: string, params: unknown[]): Record<string, unknown>[];
  queryOneNow(sql: string, params: unknown[]): Record<string, unknown> | undefined;
  executeNow(sql: string, params: unknown[]): ExecuteResult;
}

/** One driver-level session: the pool outside transactions, a pinned client inside. */
export interface StatementExecutor {
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /** The first row of a read, or undefined when it returns none. */
  queryOne(sql: string, params: unknown[]): Promise<Record<string, unknown> | undefined>;
  /**
   * A read's rows as arrays of column values in the order of its select list: reads of
   * many rows skip the keyed object the driver would build for each row.
   */
  queryArrays(sql: string, params: unknown[]): Promise<unknown[][]>;
  execute(sql: string, params: unknown[]): Promise<ExecuteResult>;
  /**
   * Synchronous statements when this session can run one right now without waiting for
   * anything (no lock held by another flow); undefined otherwise or on async drivers.
   */
  immediate?(): ImmediateStatements | undefined;
}

/** How a transaction isolates itself; unset keeps the database's default. */
export interface TransactionOptions {
  /**
   * `read committed`: each statement sees rows committed before it (PostgreSQL's default;
   * on MariaDB/MySQL it avoids gap locks, so short claim transactions do not block inserts).
   * SQLite transactions are serializable whatever this says.
   */
  isolation?: 'read committed';
}

/** What a dialect's driver gives the connection: executors plus transaction plumbing. */
export interface DriverSession extends StatementExecutor {
  /** A session pinned to one physical connection for a transaction. */
  begin(options?: TransactionOptions): Promise<TransactionSession>;
  /** Forget cached prepared statements (after DDL). */
  resetStatements(): void;
}

export interface TransactionSession extends StatementExecutor {
  /**
   * The driver connection the transaction is pinned to (better-sqlite3 Database, pg
   * PoolClient, mysql2 PoolConnection): what a TypeORM query runner joining it runs on.
   */
  readonly connection: unknown;
  savepoint(name: string): Promise<void>;
  releaseSavepoint(name: string): Promise<void>;
  rollbackToSavepoint(name: string): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
