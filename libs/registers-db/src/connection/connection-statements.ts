import type {
  ExecuteResult,
  ImmediateStatements,
  StatementExecutor,
} from '../dialects/base/driver-session.interface';
import {
  countedImmediate,
  countingHere,
  recordStatement,
  statementCounts,
} from './statement-count-scope';

/**
 * The statement entry points of a connection: each statement is heard by the listeners and
 * the running statement counts, then runs on the calling flow's executor (its transaction,
 * else the pool), opening the connection first when needed.
 */
export abstract class ConnectionStatements {
  private statementListeners: Array<(sql: string) => void> = [];

  abstract open(): Promise<void>;

  /** The calling flow's transaction session, else the connection's; undefined until open. */
  protected abstract executor(): StatementExecutor | undefined;

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

  /** Lets the listeners and counts hear `sql`, then runs it on the calling flow's executor. */
  private dispatch<R>(sql: string, run: (executor: StatementExecutor) => Promise<R>): Promise<R> {
    if (this.statementListeners.length > 0) this.notify(sql);
    if (statementCounts.running > 0) recordStatement(this, sql);
    const executor = this.executor();
    if (executor) return run(executor);
    return this.open().then(() => run(this.executor()!));
  }

  query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.dispatch(sql, (e) => e.query(sql, params) as Promise<T[]>);
  }

  /**
   * The first row of a read, or undefined when there is none: for statements that return
   * at most one row (by key, `LIMIT 1`, `COUNT(*)`). On SQLite the statement stops at that row.
   */
  queryOne<T = Record<string, unknown>>(
    sql: string,
    params: unknown[] = [],
  ): Promise<T | undefined> {
    return this.dispatch(sql, (e) => e.queryOne(sql, params) as Promise<T | undefined>);
  }

  /**
   * A read's rows as arrays of column values in select-list order (see
   * StatementExecutor.queryArrays): for reads of many rows.
   */
  queryArrays(sql: string, params: unknown[] = []): Promise<unknown[][]> {
    return this.dispatch(sql, (e) => e.queryArrays(sql, params));
  }

  execute(sql: string, params: unknown[] = []): Promise<ExecuteResult> {
    return this.dispatch(sql, (e) => e.execute(sql, params));
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
}
