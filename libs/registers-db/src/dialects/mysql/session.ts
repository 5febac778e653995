import type { Pool as CallbackPool, PoolConnection as CallbackConnection } from 'mysql2';
import type { Pool, PoolConnection, ResultSetHeader } from 'mysql2/promise';
import type {
  DriverSession,
  ExecuteResult,
  TransactionOptions,
  TransactionSession,
} from '../base/driver-session.interface';
import { bindValues } from '../base/bind-values';
import { noteWaitSince } from '../base/statement-wait';

/** ER_UNSUPPORTED_PS: the statement cannot run through the binary (prepared) protocol. */
const UNSUPPORTED_PREPARED = 1295;

type Executable = Pick<Pool | PoolConnection, 'execute' | 'query'>;

function toResult(result: unknown): ExecuteResult {
  if (Array.isArray(result))
    return { affected: result.length, rows: result as Record<string, unknown>[] };
  const header = result as ResultSetHeader;
  return {
    affected: header.affectedRows ?? 0,
    insertId: header.insertId ? Number(header.insertId) : undefined,
    rows: [],
  };
}

function arrayRows(result: unknown): unknown[][] {
  return Array.isArray(result) ? (result as unknown[][]) : [];
}

/**
 * mysql2's `execute` prepares each SQL text once per pooled connection and reuses it (up to
 * STATEMENT_CACHE_SIZE per connection, see open.ts).
 */
export class MysqlSession implements DriverSession {
  private readonly pool: Pool;

  /**
   * `settings`: read settings sent with every statement, for a pool this library did not
   * configure (an adopted DataSource's): rows then read the same as on its own pool.
   */
  constructor(
    pool: CallbackPool,
    private readonly settings?: Record<string, unknown>,
  ) {
    this.pool = pool.promise();
  }

  /** Runs one statement; a failure notes how long it waited (DatabaseBusyError reports it). */
  private async run(
    target: Executable,
    sql: string,
    params: unknown[],
    arrays = false,
  ): Promise<unknown> {
    const values = bindValues(params) as any[];
    const statement = (
      arrays
        ? { sql, ...this.settings, rowsAsArray: true }
        : this.settings
          ? { sql, ...this.settings }
          : sql
    ) as string;
    const started = performance.now();
    try {
      try {
        const [result] = await target.execute(statement, values);
        return result;
      } catch (error: any) {
        if (error?.errno !== UNSUPPORTED_PREPARED) throw error;
        const [result] = await target.query(statement, values);
        return result;
      }
    } catch (error) {
      noteWaitSince(error, started);
      throw error;
    }
  }

  async query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const result = await this.run(this.pool, sql, params);
    return Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
  }

  async queryOne(sql: string, params: unknown[]): Promise<Record<string, unknown> | undefined> {
    const result = await this.run(this.pool, sql, params);
    return Array.isArray(result) ? (result[0] as Record<string, unknown> | undefined) : undefined;
  }

  async queryArrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return arrayRows(await this.run(this.pool, sql, params, true));
  }

  async execute(sql: string, params: unknown[]): Promise<ExecuteResult> {
    return toResult(await this.run(this.pool, sql, params));
  }

  async begin(options: TransactionOptions = {}): Promise<TransactionSession> {
    const conn = await this.pool.getConnection();
    try {
      // Applies to the next transaction of this connection only.
      if (options.isolation === 'read committed')
        await conn.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await conn.beginTransaction();
    } catch (error) {
      conn.release();
      throw error;
    }
    let open = true;
    const end = async (finish: () => Promise<void>) => {
      if (!open) return;
      open = false;
      try {
        await finish();
      } finally {
        conn.release();
      }
    };
    return this.pinned(conn, end);
  }

  /** Joins a transaction TypeORM began on `connection`; commit and rollback stay with TypeORM. */
  joined(connection: CallbackConnection): TransactionSession {
    return this.pinned(connection.promise(), async () => undefined);
  }

  private pinned(
    conn: PoolConnection,
    end: (finish: () => Promise<void>) => Promise<void>,
  ): TransactionSession {
    const run = (sql: string, params: unknown[]) => this.run(conn, sql, params);
    return {
      // TypeORM's query runners use mysql2's callback connection under the promise one.
      connection: (conn as unknown as { connection: CallbackConnection }).connection,
      query: async (sql, params) => {
        const result = await run(sql, params);
        return Array.isArray(result) ? (result as Record<string, unknown>[]) : [];
      },
      queryOne: async (sql, params) => {
        const result = await run(sql, params);
        return Array.isArray(result)
          ? (result[0] as Record<string, unknown> | undefined)
          : undefined;
      },
      queryArrays: async (sql, params) => arrayRows(await this.run(conn, sql, params, true)),
      execute: async (sql, params) => toResult(await run(sql, params)),
      savepoint: async (name) => void (await conn.query(`SAVEPOINT ${name}`)),
      releaseSavepoint: async (name) => void (await conn.query(`RELEASE SAVEPOINT ${name}`)),
      rollbackToSavepoint: async (name) => {
        await conn.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await conn.query(`RELEASE SAVEPOINT ${name}`);
      },
      commit: () => end(() => conn.commit()),
      rollback: () => end(() => conn.rollback()),
    };
  }

  resetStatements(): void {
    // mysql2 re-prepares on its own when a statement's table changed; nothing cached here.
  }
}
