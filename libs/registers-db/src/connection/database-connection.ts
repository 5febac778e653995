import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntitySchema } from 'typeorm';
import type { DialectName } from '../dialects/query-dialect.interface';
import { buildDataSourceOptions } from './data-source-options';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, ParsedDatabaseUrl } from './database-url';
import { detectMysqlFlavor } from './drivers/mysql-flavor';
import { loadTypeorm } from './load-typeorm';
import { MysqlSession } from './drivers/mysql.session';
import { PostgresSession } from './drivers/postgres.session';
import { SqliteSession } from './drivers/sqlite.session';
import type {
  DriverSession,
  ExecuteResult,
  StatementExecutor,
  TransactionSession,
} from './statement-executor.interface';

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
  private readonly frames = new AsyncLocalStorage<TransactionFrame>();
  private source?: DataSource;
  private session?: DriverSession;
  private opening?: Promise<void>;
  private savepoints = 0;
  private statementListeners: Array<(sql: string) => void> = [];

  constructor(private readonly options: DatabaseConnectionOptions = {}) {
    this.parsed = parseDatabaseUrl(
      options.url ?? process.env.REGISTERS_DATABASE_URL ?? DEFAULT_DATABASE_URL,
    );
    this.dialect = this.parsed.dialect;
    this.name = options.name ?? 'default';
  }

  /** The URL with its password masked. */
  get url(): string {
    return this.parsed.redacted;
  }

  get isOpen(): boolean {
    return this.session !== undefined;
  }

  open(): Promise<void> {
    if (this.session) return Promise.resolve();
    this.opening ??= this.connect().catch((error) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async connect(): Promise<void> {
    const flavor =
      this.dialect === 'mysql' && this.options.typeorm?.type === undefined
        ? await detectMysqlFlavor(this.parsed)
        : undefined;
    const { DataSource } = loadTypeorm();
    const source = new DataSource(
      buildDataSourceOptions(
        this.parsed,
        this.options.entities?.() ?? [],
        this.options.typeorm,
        this.options.logging,
        flavor,
      ),
    );
    await source.initialize();
    const driver = source.driver as any;
    this.source = source;
    this.session =
      this.dialect === 'sqlite'
        ? new SqliteSession(driver.databaseConnection)
        : this.dialect === 'postgres'
          ? new PostgresSession(driver.master)
          : new MysqlSession(driver.pool);
  }

  async dataSource(): Promise<DataSource> {
    await this.open();
    return this.source!;
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

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.statementListeners.length > 0) this.notify(sql);
    const executor = this.executor() ?? (await this.open(), this.executor()!);
    return executor.query(sql, params) as Promise<T[]>;
  }

  /**
   * The first row of a read, or undefined when there is none: for statements that return
   * at most one row (by key, `LIMIT 1`, `COUNT(*)`). On SQLite the statement stops at that row.
   */
  async queryOne<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T | undefined> {
    if (this.statementListeners.length > 0) this.notify(sql);
    const executor = this.executor() ?? (await this.open(), this.executor()!);
    return executor.queryOne(sql, params) as Promise<T | undefined>;
  }

  async execute(sql: string, params: unknown[] = []): Promise<ExecuteResult> {
    if (this.statementListeners.length > 0) this.notify(sql);
    const executor = this.executor() ?? (await this.open(), this.executor()!);
    return executor.execute(sql, params);
  }

  inTransaction(): boolean {
    return this.frames.getStore() !== undefined;
  }

  /**
   * Runs `fn` in a transaction and returns its value. Inside an open transaction of this
   * connection it uses a savepoint. A throw rolls back and rethrows the same error.
   */
  async transaction<R>(fn: () => Promise<R> | R): Promise<R> {
    const outer = this.frames.getStore();
    if (outer) return this.nested(outer, fn);
    await this.open();
    const session = await this.session!.begin();
    let result: R;
    try {
      result = await this.frames.run({ session, depth: 0 }, fn);
    } catch (error) {
      await session.rollback().catch(() => undefined);
      throw error;
    }
    await session.commit();
    return result;
  }

  private async nested<R>(outer: TransactionFrame, fn: () => Promise<R> | R): Promise<R> {
    const depth = outer.depth + 1;
    const savepoint = `registers_sp_${++this.savepoints}`;
    await outer.session.savepoint(savepoint);
    let result: R;
    try {
      result = await this.frames.run({ session: outer.session, depth }, fn);
    } catch (error) {
      await outer.session.rollbackToSavepoint(savepoint).catch(() => undefined);
      throw error;
    }
    await outer.session.releaseSavepoint(savepoint);
    return result;
  }

  async close(): Promise<void> {
    const pending = this.opening;
    this.opening = undefined;
    if (pending) await pending.catch(() => undefined);
    const source = this.source;
    this.source = undefined;
    this.session = undefined;
    if (source?.isInitialized) await source.destroy();
  }
}
