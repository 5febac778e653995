import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, EntitySchema } from 'typeorm';
import type { DialectName } from '../query/query-dialect.interface';
import {
  bundleFor,
  type DialectBundle,
  type OpenDriver,
  type ParsedDatabaseUrl,
} from '../dialects';
import { driverError } from '../dialects/base/driver-failure';
import { readDatabaseUrl } from './database-url';
import { databaseUrlFromEnvironment } from './database-environment';
import { describeAdoptedSource, mergedSchemaSource } from './adopted-source';
import { frameEntityManager, type TransactionFrame } from './transaction-frame';
import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import { loadTypeorm } from './load-typeorm';
import { ConnectionStatements } from './connection-statements';
import type {
  DriverSession,
  StatementExecutor,
  TransactionOptions,
} from '../dialects/base/driver-session.interface';

export interface DatabaseConnectionOptions {
  /**
   * Default: `REGISTERS_DATABASE_URL` with its field overrides (see
   * `databaseUrlFromEnvironment`), else `sqlite:data/registers.db`.
   */
  url?: string;
  /**
   * An application's initialized TypeORM DataSource to adopt instead of opening a database:
   * statements run on its pool (or file), and `close` leaves it open.
   */
  dataSource?: DataSource;
  /** Connection name, default `default`. */
  name?: string;
  /** Entity schemas for TypeORM, read when the DataSource is created (at first use). */
  entities?: () => EntitySchema[];
  logging?: boolean;
  /** Extra TypeORM DataSource options. */
  typeorm?: Record<string, unknown>;
}

/**
 * One database: a lazily opened TypeORM DataSource (schema, migrations) and the raw
 * driver under it for statements. Transactions follow the async flow that started them
 * (AsyncLocalStorage): calls inside the callback join, calls elsewhere never do.
 */
export class DatabaseConnection extends ConnectionStatements {
  readonly name: string;
  readonly dialect: DialectName;
  private readonly parsed: ParsedDatabaseUrl;
  /** Why the URL cannot be used, when it cannot: `open` (and every statement) rejects with it. */
  readonly urlError?: ConfigurationError;
  private readonly bundle: DialectBundle;
  private readonly frames = new AsyncLocalStorage<TransactionFrame>();
  private source?: Promise<DataSource>;
  /** The DataSource made by `dataSource()`, once it is initialized. */
  private createdSource?: DataSource;
  private driver?: OpenDriver;
  private session?: DriverSession;
  private opening?: Promise<void>;
  private savepoints = 0;

  constructor(private readonly options: DatabaseConnectionOptions = {}) {
    super();
    // An unusable URL fails when the database is first opened, not here: a console that
    // builds its registry at startup still shows help and runs commands without a database.
    ({ parsed: this.parsed, error: this.urlError } = options.dataSource
      ? describeAdoptedSource(options.dataSource, options.url)
      : readDatabaseUrl(() => options.url ?? databaseUrlFromEnvironment()));
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

  /** Whether this connection runs on an application's DataSource (which it never closes). */
  get adopted(): boolean {
    return this.options.dataSource !== undefined;
  }

  private async connect(): Promise<void> {
    if (this.options.dataSource) {
      const adopted = this.bundle.adoptDataSource(this.options.dataSource);
      this.driver = adopted;
      this.session = adopted.session;
      return;
    }
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
    if (this.options.dataSource) return this.options.dataSource;
    this.source ??= this.createDataSource().catch((error) => {
      this.source = undefined;
      throw error;
    });
    return this.source;
  }

  /**
   * The DataSource whose schema comparison generates migrations: `dataSource()`, or for an
   * adopted one, a companion that also knows this connection's entity schemas.
   */
  async schemaDataSource(): Promise<DataSource> {
    const source = await this.dataSource();
    if (!this.options.dataSource) return source;
    return mergedSchemaSource(source, this.options.entities?.() ?? [], (merged) =>
      this.bundle.adoptHandle(merged, this.driver!.handle),
    );
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
    this.createdSource = await source.initialize();
    return this.createdSource;
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

  protected executor(): StatementExecutor | undefined {
    return this.frames.getStore()?.session ?? this.session;
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
    const frame: TransactionFrame = { session, depth: 0 };
    let result: R;
    try {
      result = await this.frames.run(frame, fn);
    } catch (error) {
      frame.releaseManager?.();
      await session.rollback().catch(() => undefined);
      throw error;
    }
    frame.releaseManager?.();
    await this.step('commit', () => session.commit());
    return result;
  }

  /**
   * Runs `fn` inside a transaction that TypeORM began (`dataSource.transaction(em => …)`):
   * statements of `fn`'s flow run on `manager`'s connection, nested transactions use
   * savepoints, and commit or rollback stays with the owner of `manager`.
   */
  async join<R>(manager: EntityManager, fn: () => Promise<R> | R): Promise<R> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive)
      throw new ConfigurationError(configurationMessages.joinNeedsTransaction(this.name));
    const own = this.options.dataSource ?? this.createdSource;
    if (own && manager.connection !== own)
      throw new ConfigurationError(configurationMessages.joinOtherDataSource(this.name));
    await this.open();
    const session = this.bundle.joinConnection(this.session!, await runner.connect());
    return this.frames.run({ session, depth: 0, manager }, fn);
  }

  /**
   * The TypeORM EntityManager of the calling flow's transaction: the application's
   * repositories (`manager.getRepository(Entity)`) write inside it. Only valid inside
   * `transaction(fn)` or `join(manager, fn)`, on an adopted or already created DataSource.
   */
  entityManager(): EntityManager {
    const frame = this.frames.getStore();
    if (!frame)
      throw new ConfigurationError(
        configurationMessages.entityManagerOutsideTransaction(this.name),
      );
    return frameEntityManager(frame, this.options.dataSource ?? this.createdSource, this.name);
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
      result = await this.frames.run({ session: outer.session, depth, parent: outer }, fn);
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
    this.createdSource = undefined;
    this.driver = undefined;
    this.session = undefined;
    // A DataSource that adopted the handle closes it; otherwise the driver closes itself.
    if (source?.isInitialized) await source.destroy();
    else await driver?.close();
  }
}
