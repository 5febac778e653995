import type { DataSource, DataSourceOptions, EntitySchema } from 'typeorm';
import type { DialectName } from '../../query/query-dialect.interface';
import type { DdlDialect } from './ddl-dialect';
import type { Dialect } from './dialect.interface';
import type { DriverSession, TransactionSession } from './driver-session.interface';
import type { IsolatedDatabase } from './isolated-database.interface';

/** A database URL taken apart (see `parseDatabaseUrl`). */
export interface ParsedDatabaseUrl {
  dialect: DialectName;
  /** The URL as given (may hold a password: never log it, use `redacted`). */
  url: string;
  /** The URL with any password replaced by `***`, safe for messages. */
  redacted: string;
  /** SQLite only: the file path, or `:memory:`. */
  file?: string;
  /** MySQL dialect only: set when the URL scheme names the server (`mariadb://`). */
  flavor?: 'mysql' | 'mariadb';
}

/** Driver options a user may pass through `typeorm.extra` (pool sizes, SSL, …). */
export type DriverExtras = Record<string, unknown> | undefined;

/**
 * An open driver: the session statements run through, and the native handle (better-sqlite3
 * database, pg pool, mysql2 pool) that a TypeORM DataSource adopts when one is needed.
 */
export interface OpenDriver {
  session: DriverSession;
  handle: unknown;
  close(): Promise<void>;
}

/** What a dialect needs to describe the TypeORM DataSource of a connection. */
export interface DataSourceInputs {
  parsed: ParsedDatabaseUrl;
  entities: EntitySchema[];
  /** TypeORM options given by the user, spread over the dialect's. */
  extras?: Record<string, unknown>;
  logging?: boolean;
  /** The open session, for what must be asked of the server (MariaDB or MySQL). */
  session: DriverSession;
}

/**
 * Everything one database dialect contributes, in one object: adding a dialect means
 * adding a folder that exports one of these and listing it in `dialects/index.ts`.
 */
export interface DialectBundle {
  readonly name: DialectName;
  /** Queries, writes, value conversion and driver error conversion. */
  readonly dialect: Dialect;
  /** Tables, columns, indexes and the catalog questions of schema sync. */
  readonly ddl: DdlDialect;
  /** Whether opening is lazy on the server side, so the connection asks once to fail early. */
  readonly pingOnOpen: boolean;
  /** Opens the driver (loads it on first use). */
  open(parsed: ParsedDatabaseUrl, extra: DriverExtras): OpenDriver;
  /** TypeORM DataSource options for this dialect. */
  dataSourceOptions(inputs: DataSourceInputs): Promise<DataSourceOptions>;
  /** Makes a TypeORM DataSource use an open driver's handle instead of opening its own. */
  adoptHandle(source: DataSource, handle: unknown): void;
  /**
   * The reverse: a session on the pool (or file) of an application's initialized TypeORM
   * DataSource. Its `close` leaves the handle open: the DataSource's owner closes it.
   */
  adoptDataSource(source: DataSource): OpenDriver;
  /**
   * A session on one connection of a transaction that TypeORM began (a query runner's
   * connection): statements and savepoints run on it, commit and rollback are its owner's.
   */
  joinConnection(session: DriverSession, connection: unknown): TransactionSession;
  /** A fresh database for one test registry (see `createTestRegistry`). */
  isolate(
    parsed: ParsedDatabaseUrl,
    id: string,
    typeorm?: Record<string, unknown>,
  ): Promise<IsolatedDatabase>;
}
