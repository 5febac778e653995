import type { DatabaseConnection } from '../../connection/database-connection';
import type {
  ExecuteResult,
  ImmediateStatements,
} from '../../dialects/base/driver-session.interface';
import type { Dialect } from '../../dialects/base/dialect.interface';
import { DatabaseError, RegistryError } from '../../errors';
import { databaseMessages } from '../../errors/messages';
import type { ModelMetadata } from '../../interfaces/model-metadata.interface';
import type { ModelSchema } from '../../schema/model-schema';
import { errorContext } from './error-context';
import { ROLLBACK_PROBE } from './rollback-probe';

export type Row = Record<string, unknown>;

/**
 * Runs one model's statements on its connection: creates the table before first use when
 * the model auto-creates, keeps a failed write from aborting an enclosing transaction, and
 * turns driver errors into the library's errors.
 */
export class StatementRunner {
  constructor(
    private readonly meta: ModelMetadata,
    private readonly dialect: Dialect,
    readonly connection: DatabaseConnection,
    readonly schema: ModelSchema<any>,
  ) {}

  /**
   * A driver error as the library's error: integrity errors, DatabaseBusyError and refused
   * values (ValidationError) by the dialect; anything else wrapped in DatabaseError.
   */
  async normalize(error: unknown, operation: string, rowIndex?: number): Promise<Error> {
    if (error instanceof RegistryError || (error as any) === ROLLBACK_PROBE) return error as Error;
    const normalized = await this.dialect.normalizeError(error, {
      meta: this.meta,
      operation,
      rowIndex,
      indexColumns: (name) => this.indexColumns(name),
    });
    if (normalized) return normalized;
    const code = (error as any)?.code ?? (error as any)?.errno;
    // The driver's message may quote submitted values; it stays on `cause` only.
    return new DatabaseError(
      databaseMessages.statementFailed(this.meta.name, operation, code),
      errorContext(this.meta, operation, code ? { driverCode: String(code) } : {}),
      { cause: error },
    );
  }

  /** `error` as the library's error, in a rejected promise (for operations not `async`). */
  rejected(error: unknown, operation: string): Promise<never> {
    return this.normalize(error, operation).then((normalized) => Promise.reject(normalized));
  }

  /**
   * Synchronous statements when the table is ready and the driver can run one now; the
   * hot single-row operations use them to settle in one promise instead of a chain.
   */
  immediate(): ImmediateStatements | undefined {
    return this.schema.ready ? this.connection.immediate() : undefined;
  }

  /** Like immediate, for a write that would need a savepoint (see contained) to run now. */
  immediateWrite(): ImmediateStatements | undefined {
    if (this.dialect.errorAbortsTransaction && this.connection.inTransaction()) return undefined;
    return this.immediate();
  }

  /**
   * The connection, when a write can be sent to it as is: the table is ready and the write
   * needs no savepoint (see contained). The hot single-row writes on server databases use
   * it to run as one promise chain instead of nested async frames.
   */
  directWrite(): DatabaseConnection | undefined {
    if (!this.schema.ready) return undefined;
    if (this.dialect.errorAbortsTransaction && this.connection.inTransaction()) return undefined;
    return this.connection;
  }

  /**
   * Creates the table before first use when the model auto-creates (a no-op once ready);
   * a driver error on the way is normalized as one of `operation`.
   */
  ready(operation: string): Promise<void> | undefined {
    return this.schema.ready
      ? undefined
      : this.schema.ensureReady().catch((error) => this.rejected(error, operation));
  }

  /**
   * Runs `statement` once the table exists (creating it may meet a busy database too), with
   * driver errors normalized as errors of `operation`.
   */
  private async guarded<R>(operation: string, statement: () => Promise<R>): Promise<R> {
    try {
      if (!this.schema.ready) await this.schema.ensureReady();
      return await statement();
    } catch (error) {
      throw await this.normalize(error, operation);
    }
  }

  /** Runs a statement and returns its rows; `write` contains its failure (see contained). */
  query(operation: string, sql: string, params: unknown[], write = false): Promise<Row[]> {
    const run = () => this.connection.query(sql, params);
    return this.guarded(operation, write ? () => this.contained(run) : run);
  }

  /** Runs a read and returns its rows as arrays of column values (see queryArrays). */
  queryArrays(operation: string, sql: string, params: unknown[]): Promise<unknown[][]> {
    return this.guarded(operation, () => this.connection.queryArrays(sql, params));
  }

  /**
   * Runs a read that returns at most one row; undefined when none. Not `async`: reads by
   * key are the hot path, and this adds one promise instead of an async frame.
   */
  queryOne(operation: string, sql: string, params: unknown[]): Promise<Row | undefined> {
    if (!this.schema.ready) {
      return this.schema.ensureReady().then(
        () => this.queryOne(operation, sql, params),
        (error) => this.rejected(error, operation),
      );
    }
    return this.connection.queryOne(sql, params).catch(async (error) => {
      throw await this.normalize(error, operation);
    });
  }

  execute(operation: string, sql: string, params: unknown[]): Promise<ExecuteResult> {
    return this.guarded(operation, () =>
      this.contained(() => this.connection.execute(sql, params)),
    );
  }

  /**
   * Runs one write so that its failure cannot abort an enclosing transaction: on
   * PostgreSQL, inside a transaction, it gets a savepoint. Elsewhere a failed statement
   * already undoes only itself, so it runs as is.
   */
  contained<R>(fn: () => Promise<R>): Promise<R> {
    return this.dialect.errorAbortsTransaction && this.connection.inTransaction()
      ? this.connection.transaction(fn)
      : fn();
  }

  /** Runs `fn` in a transaction, joining (with a savepoint) one that is already open. */
  transaction<R>(fn: () => Promise<R>): Promise<R> {
    return this.connection.transaction(fn);
  }

  /** Columns of one index of this table (MySQL names only the index in duplicate errors). */
  private async indexColumns(name: string): Promise<string[]> {
    const question = this.dialect.indexColumnsSql?.(this.meta.table, name);
    if (!question) return [];
    const rows = await this.connection.query<{ column_name: string }>(
      question.sql,
      question.params,
    );
    return rows.map((r) => r.column_name);
  }
}
