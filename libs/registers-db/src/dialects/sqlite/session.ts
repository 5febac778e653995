import type { Database, Statement } from 'better-sqlite3';
import type {
  DriverSession,
  ExecuteResult,
  ImmediateStatements,
  TransactionSession,
} from '../base/driver-session.interface';
import { AsyncMutex } from '../base/async-mutex';
import { bindValues } from '../base/bind-values';
import { statementCache } from '../base/statement-cache';
import { noteWait } from '../base/statement-wait';
import { waitedForBusyTimeout } from './errors';

function sqliteValues(params: unknown[]): unknown[] {
  const values = bindValues(params);
  for (let i = 0; i < values.length; i++) {
    if (typeof values[i] === 'boolean') {
      const copy = values === params ? values.slice() : values;
      for (let j = i; j < copy.length; j++)
        if (typeof copy[j] === 'boolean') copy[j] = copy[j] ? 1 : 0;
      return copy;
    }
  }
  return values;
}

/**
 * A prepared statement and what it is, read once: `reader` and `readonly` are native
 * getters of better-sqlite3, and every single-row operation would cross into C++ for them.
 */
interface Prepared {
  stmt: Statement;
  reader: boolean;
  readonly: boolean;
}

const NO_ROWS = Object.freeze([]) as unknown as Record<string, unknown>[];

/**
 * better-sqlite3 is synchronous and has one connection, so a transaction owns the whole
 * database: other async flows wait on the mutex until it ends (they never join it).
 */
export class SqliteSession implements DriverSession, ImmediateStatements {
  private readonly statements = statementCache<Prepared>();
  private readonly mutex = new AsyncMutex();

  /** `busyTimeoutMs`: how long SQLite waits for another connection's lock (see open.ts). */
  constructor(
    private readonly db: Database,
    private readonly busyTimeoutMs: number,
  ) {}

  /**
   * `error` after noting how long its statement waited: SQLite's busy handler returns
   * SQLITE_BUSY once the whole busy timeout has passed, so the wait is known without a clock
   * on the hot path; the other errors came at once.
   */
  private failed(error: unknown): unknown {
    noteWait(error, waitedForBusyTimeout(error) ? this.busyTimeoutMs : 0);
    return error;
  }

  private prepare(sql: string): Prepared {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      const stmt = this.db.prepare(sql);
      prepared = { stmt, reader: stmt.reader, readonly: stmt.readonly };
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  queryNow(sql: string, params: unknown[]): Record<string, unknown>[] {
    return this.allRows(sql, params, false) as Record<string, unknown>[];
  }

  /** queryNow with each row as an array of column values (better-sqlite3's raw mode). */
  queryArraysNow(sql: string, params: unknown[]): unknown[][] {
    return this.allRows(sql, params, true) as unknown[][];
  }

  private allRows(sql: string, params: unknown[], raw: boolean): unknown[] {
    try {
      const { stmt, reader } = this.prepare(sql);
      if (!reader) {
        stmt.run(sqliteValues(params));
        return [];
      }
      if (!raw) return stmt.all(sqliteValues(params));
      // The statement is cached for every caller of its text: raw mode is switched back.
      stmt.raw(true);
      try {
        return stmt.all(sqliteValues(params));
      } finally {
        stmt.raw(false);
      }
    } catch (error) {
      throw this.failed(error);
    }
  }

  /**
   * Reads step once with better-sqlite3 `get` instead of collecting every row. A write with
   * RETURNING runs to its end: SQLite checkpoints the WAL only when a statement completes,
   * and `get` stops before that.
   */
  queryOneNow(sql: string, params: unknown[]): Record<string, unknown> | undefined {
    try {
      const { stmt, reader, readonly } = this.prepare(sql);
      if (!reader) {
        stmt.run(sqliteValues(params));
        return undefined;
      }
      if (!readonly) return (stmt.all(sqliteValues(params)) as Record<string, unknown>[])[0];
      return stmt.get(sqliteValues(params)) as Record<string, unknown> | undefined;
    } catch (error) {
      throw this.failed(error);
    }
  }

  executeNow(sql: string, params: unknown[]): ExecuteResult {
    try {
      const { stmt, reader } = this.prepare(sql);
      if (reader) {
        const rows = stmt.all(sqliteValues(params)) as Record<string, unknown>[];
        return { affected: rows.length, rows };
      }
      const info = stmt.run(sqliteValues(params));
      // The shared empty list is never written to: callers read `rows` only.
      return { affected: info.changes, insertId: Number(info.lastInsertRowid), rows: NO_ROWS };
    } catch (error) {
      throw this.failed(error);
    }
  }

  // Not `async`: with the lock free, the statement runs at once and one settled promise
  // carries its result (reads by key are the hot path of every manager).
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return this.run(() => this.queryNow(sql, params));
  }

  queryOne(sql: string, params: unknown[]): Promise<Record<string, unknown> | undefined> {
    return this.run(() => this.queryOneNow(sql, params));
  }

  queryArrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return this.run(() => this.queryArraysNow(sql, params));
  }

  execute(sql: string, params: unknown[]): Promise<ExecuteResult> {
    return this.run(() => this.executeNow(sql, params));
  }

  immediate(): ImmediateStatements | undefined {
    return this.mutex.locked ? undefined : this;
  }

  /** Runs `statement` now when no transaction holds the database, else after it ends. */
  private run<R>(statement: () => R): Promise<R> {
    if (!this.mutex.locked) {
      try {
        return Promise.resolve(statement());
      } catch (error) {
        return Promise.reject(error);
      }
    }
    return this.mutex.acquire().then(() => {
      try {
        return statement();
      } finally {
        this.mutex.release();
      }
    });
  }

  async begin(): Promise<TransactionSession> {
    await this.mutex.acquire();
    try {
      // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading.
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.mutex.release();
      throw this.failed(error);
    }
    let open = true;
    const end = (sql: string) => {
      if (!open) return;
      open = false;
      try {
        if (this.db.inTransaction) this.db.exec(sql);
      } catch (error) {
        throw this.failed(error);
      } finally {
        this.mutex.release();
      }
    };
    // The flow that owns the transaction also owns the database until it ends.
    return this.pinned(() => open, end);
  }

  /**
   * Joins a transaction TypeORM began on this same database (one connection, so its
   * statements are already inside it); commit and rollback stay with TypeORM.
   */
  joined(): TransactionSession {
    return this.pinned(
      () => true,
      () => undefined,
    );
  }

  private pinned(open: () => boolean, end: (sql: string) => void): TransactionSession {
    return {
      connection: this.db,
      query: async (sql, params) => this.queryNow(sql, params),
      queryOne: async (sql, params) => this.queryOneNow(sql, params),
      queryArrays: async (sql, params) => this.queryArraysNow(sql, params),
      execute: async (sql, params) => this.executeNow(sql, params),
      immediate: () => (open() ? this : undefined),
      savepoint: async (name) => void this.db.exec(`SAVEPOINT ${name}`),
      releaseSavepoint: async (name) => void this.db.exec(`RELEASE SAVEPOINT ${name}`),
      rollbackToSavepoint: async (name) => {
        this.db.exec(`ROLLBACK TO SAVEPOINT ${name}`);
        this.db.exec(`RELEASE SAVEPOINT ${name}`);
      },
      commit: async () => end('COMMIT'),
      rollback: async () => end('ROLLBACK'),
    };
  }

  resetStatements(): void {
    this.statements.clear();
  }
}
