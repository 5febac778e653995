import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntitySchema } from 'typeorm';
import type { DialectName } from '../query/query-dialect.interface';
import {
  bundleFor,
  type DialectBundle,
  type OpenDriver,
  type ParsedDatabaseUrl,
} from '../dialects';
import { driverError } from '../dialects/base/driver-failure';
import { DEFAULT_DATABASE_URL, readDatabaseUrl } from './database-url';
import type { ConfigurationError } from '../errors';
import { loadTypeorm } from './load-typeorm';
import {
  countedImmediate,
  countingHere,
  recordStatement,
  statementCounts,
} from './statement-count-scope';
import type {
  DriverSession,
  ExecuteResult,
  ImmediateStatements,
  StatementExecutor,
  TransactionOptions,
  TransactionSession,
} from '../dialects/base/driver-session.interface';

export interface DatabaseConnectionOptions {
  /** Default: `process.env.REGISTERS_DATABASE_URL`, else `sqlite:data/registers.db`. */
  url?: string;
  /** Connection name, default `default`. */
  name?: string;
  /** Entity schemas for TypeORM, read when the DataSource is created (at first use). */
  entities?: () => EntitySchema[];
  logging?: boolean;
  /** Extra TypeORM DataSource options. */
  typeorm?: Record<string, unknown>;
}

interface TransactionFrame {
  session: TransactionSession;
  depth: number;
}

/**
 * One database: a lazily opened TypeORM DataSource (schema, migrations) and the raw
 * driver under it for statements. Transactions follow the async flow that started them
 * (AsyncLocalStorage): calls inside the callback join, calls elsewhere never do.
 */
export class DatabaseConnection {
  readonly name: string;
  readonly dialect: DialectName;
  private readonly parsed: ParsedDatabaseUrl;
  /** Why the URL cannot be used, when it cannot: `open` (and every statement) rejects with it. */
  readonly urlError?: ConfigurationError;
  private readonly bundle: DialectBundle;
  private readonly frames = new AsyncLocalStorage<TransactionFrame>();
  private source?: Promise<DataSource>;
  private driver?: OpenDriver;
  private session?: DriverSession;
  private opening?: Promise<void>;
  private savepoints = 0;
  private statementListeners: Array<(sql: string) => void> = [];

  constructor(private readonly options: DatabaseConnectionOptions = {}) {
    // An unusable URL fails when the database is first opened, not here: a console that
    // builds its registry at startup still shows help and runs commands without a database.
    ({ parsed: this.parsed, error: this.urlError } = readDatabaseUrl(
      options.url ?? process.env.REGISTERS_DATABASE_URL ?? DEFAULT_DATABASE_URL,
    ));
    this.dialect = this.parsed.dialect;
    this.bundle = bundleFor(this.dialect);
    this.name = options.name ?? 'default';
  }

  /** The URL with its password masked. */
  get url(): string {
    return this.parsed.redacted;
  }

  get isOpen(): boolean {
    return this.session !== undefined;
  }

  /** Opens the driver (once); rejects with a ConfigurationError when the URL is unusable. */
  open(): Promise<void> {
    if (this.session) return Promise.resolve();
    if (this.urlError) return Promise.reject(this.urlError);
    this.opening ??= this.connect().catch((error) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async connect(): Promise<void> {
    const driver = this.bundle.open(
      this.parsed,
      this.options.typeorm?.extra as Record<string, unknown> | undefined,
    );
    try {
      // Servers: one round trip, so an unreachable database fails here, not on first use.
      if (this.bundle.pingOnOpen) await driver.session.query('SELECT 1', []);
    } catch (error) {
      await driver.close().catch(() => undefined);
      throw error;
    }
    this.driver = driver;
    this.session = driver.session;
  }

  /**
   * The TypeORM DataSource (migrations, schema comparison), created on first call. It
   * adopts this connection's driver handle, so both see the same database and pool.
   */
  async dataSource(): Promise<DataSource> {
    await this.open();
    this.source ??= this.createDataSource().catch((error) => {
      this.source = undefined;
      throw error;
    });
    return this.source;
  }

  private async createDataSource(): Promise<DataSource> {
    const { DataSource } = loadTypeorm();
    const source = new DataSource(
      await this.bundle.dataSourceOptions({
        parsed: this.parsed,
        entities: this.options.entities?.() ?? [],
        extras: this.options.typeorm,
        logging: this.options.logging,
        session: this.session!,
      }),
    );
    this.bundle.adoptHandle(source, this.driver!.handle);
    return source.initialize();
  }

  /**
   * The driver's native handle (better-sqlite3 Database, pg Pool, mysql2 Pool), opening the
   * connection first: for driver features this class does not wrap, such as PostgreSQL's
   * LISTEN on a client of the pool.
   */
  async driverHandle(): Promise<unknown> {
    await this.open();
    return this.driver!.handle;
  }

  /** Drops cached prepared statements; call after DDL that changes a table's shape. */
  resetStatements(): void {
    this.session?.resetStatements();
  }

  private executor(): StatementExecutor | undefined {
    return this.frames.getStore()?.session ?? this.session;
  }

  /**
   * Calls `listener` with the SQL text (never the values) of every statement that reaches
   * the database through `query`/`execute`. Returns a function that removes it.
   */
  onStatement(listener: (sql: string) => void): () => void {
    this.statementListeners = [...this.statementListeners, listener];
    return () => {
      this.statementListeners = this.statementListeners.filter((l) => l !== listener);
    };
  }

  private notify(sql: string): void {
    for (const listener of this.statementListeners) listener(sql);
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.statementListeners.length > 0) this.notify(sql);
    if (statementCounts.running > 0) recordStatement(this, sql);
    const executor = this.executor();
    if (executor) return executor.query(sql, params) as Promise<T[]>;
    return this.open().then(() => this.executor()!.query(sql, params) as Promise<T[]>);
  }

  /**
   * The first row of a read, or undefined when there is none: for statements that return
   * at most one row (by key, `LIMIT 1`, `COUNT(*)`). On SQLite the statement stops at that row.
   */
  queryOne<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T | undefined> {
    if (this.statementListeners.length > 0) this.notify(sql);
    if (statementCounts.running > 0) recordStatement(this, sql);
    const executor = this.executor();
    if (executor) return executor.queryOne(sql, params) as Promise<T | undefined>;
    return this.open().then(() => this.executor()!.queryOne(sql, params) as Promise<T | undefined>);
  }

  execute(sql: string, params: unknown[] = []): Promise<ExecuteResult> {
    if (this.statementListeners.length > 0) this.notify(sql);
    if (statementCounts.running > 0) recordStatement(this, sql);
    const executor = this.executor();
    if (executor) return executor.execute(sql, params);
    return this.open().then(() => this.executor()!.execute(sql, params));
  }

  /**
   * Synchronous statements for the calling flow when the driver can run one right now
   * (SQLite, with no other flow's transaction holding the database); undefined otherwise,
   * and while a statement listener is attached, since listeners hear the async path.
   * Inside a statement count (testing's assertQueryCount) they are recorded as they run.
   */
  immediate(): ImmediateStatements | undefined {
    if (this.statementListeners.length > 0) return undefined;
    const now = this.executor()?.immediate?.();
    return now && countingHere() ? countedImmediate(this, now) : now;
  }

  inTransaction(): boolean {
    return this.frames.getStore() !== undefined;
  }

  /**
   * Runs `fn` in a transaction and returns its value. Inside an open transaction of this
   * connection it uses a savepoint (and `options` do not apply). A throw rolls back and
   * rethrows the same error.
   */
  async transaction<R>(fn: () => Promise<R> | R, options: TransactionOptions = {}): Promise<R> {
    const outer = this.frames.getStore();
    if (outer) return this.nested(outer, fn);
    await this.open();
    const session = await this.step('begin', () => this.session!.begin(options));
    let result: R;
    try {
      result = await this.frames.run({ session, depth: 0 }, fn);
    } catch (error) {
      await session.rollback().catch(() => undefined);
      throw error;
    }
    await this.step('commit', () => session.commit());
    return result;
  }

  /**
   * A transaction's own statement (begin, commit, savepoints); a driver error becomes the
   * library's (DatabaseBusyError when another connection holds the lock, else DatabaseError).
   */
  private async step<R>(operation: string, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (error) {
      throw driverError((e) => this.bundle.dialect.classifyFailure(e), error, {
        label: 'transaction',
        operation,
      });
    }
  }

  private async nested<R>(outer: TransactionFrame, fn: () => Promise<R> | R): Promise<R> {
    const depth = outer.depth + 1;
    const savepoint = `registers_sp_${++this.savepoints}`;
    await this.step('savepoint', () => outer.session.savepoint(savepoint));
    let result: R;
    try {
      result = await this.frames.run({ session: outer.session, depth }, fn);
    } catch (error) {
      await outer.session.rollbackToSavepoint(savepoint).catch(() => undefined);
      throw error;
    }
    await this.step('savepoint', () => outer.session.releaseSavepoint(savepoint));
    return result;
  }

  async close(): Promise<void> {
    const pending = this.opening;
    this.opening = undefined;
    if (pending) await pending.catch(() => undefined);
    const source = await this.source?.catch(() => undefined);
    const driver = this.driver;
    this.source = undefined;
    this.driver = undefined;
    this.session = undefined;
    // A DataSource that adopted the handle closes it; otherwise the driver closes itself.
    if (source?.isInitialized) await source.destroy();
    else await driver?.close();
  }
}
