import type { Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
import type {
  DriverSession,
  ExecuteResult,
  TransactionOptions,
  TransactionSession,
} from '../base/driver-session.interface';
import { bindValues } from '../base/bind-values';
import { statementCache } from '../base/statement-cache';
import { noteWaitSince } from '../base/statement-wait';

/** pg error codes after which a named prepared statement must be re-prepared. */
const STALE_STATEMENT_CODES = new Set(['0A000', '26000']);

type Queryable = Pick<Pool | PoolClient, 'query'>;

/**
 * Sessions of this process so far. Statement names carry their session's number: sessions
 * that share a pool (registries adopting one DataSource, or one reopened on it) must not
 * reuse a name a pooled connection already prepared for another text.
 */
let sessions = 0;

/**
 * Uses named prepared statements (one name per SQL text) so repeated statements skip
 * parsing and planning on every pooled connection. The names are a bounded LRU: a dropped
 * name's server-side statement lives until its pooled connection closes (the pool retires
 * idle connections), and the text gets a new name if it comes back.
 */
export class PostgresSession implements DriverSession {
  private names = statementCache<string>();
  private sequence = 0;
  private readonly prefix = `registers_${++sessions}_`;

  constructor(private readonly pool: Pool) {}

  private config(sql: string, params: unknown[]): QueryConfig {
    let name = this.names.get(sql);
    if (!name) {
      name = `${this.prefix}${++this.sequence}`;
      this.names.set(sql, name);
    }
    return { name, text: sql, values: bindValues(params) };
  }

  /** Runs one statement; a failure notes how long it waited (DatabaseBusyError reports it). */
  private async run(target: Queryable, sql: string, params: unknown[]): Promise<QueryResult> {
    const started = performance.now();
    try {
      return await target.query(this.config(sql, params));
    } catch (error: any) {
      if (STALE_STATEMENT_CODES.has(error?.code)) {
        this.resetStatements();
        return target.query({ text: sql, values: bindValues(params) }).catch((retried) => {
          noteWaitSince(retried, started);
          throw retried;
        });
      }
      noteWaitSince(error, started);
      throw error;
    }
  }

  private static toExecuteResult(result: QueryResult): ExecuteResult {
    return { affected: result.rowCount ?? 0, rows: result.rows ?? [] };
  }

  async query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return (await this.run(this.pool, sql, params)).rows;
  }

  async queryOne(sql: string, params: unknown[]): Promise<Record<string, unknown> | undefined> {
    return (await this.run(this.pool, sql, params)).rows[0];
  }

  async execute(sql: string, params: unknown[]): Promise<ExecuteResult> {
    return PostgresSession.toExecuteResult(await this.run(this.pool, sql, params));
  }

  async begin(options: TransactionOptions = {}): Promise<TransactionSession> {
    const client = await this.pool.connect();
    try {
      await client.query(
        options.isolation === 'read committed' ? 'BEGIN ISOLATION LEVEL READ COMMITTED' : 'BEGIN',
      );
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    let open = true;
    const end = async (sql: string) => {
      if (!open) return;
      open = false;
      try {
        await client.query(sql);
        client.release();
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
    };
    return this.pinned(client, end);
  }

  /** Joins a transaction TypeORM began on `client`; commit and rollback stay with TypeORM. */
  joined(client: PoolClient): TransactionSession {
    return this.pinned(client, async () => undefined);
  }

  private pinned(client: PoolClient, end: (sql: string) => Promise<void>): TransactionSession {
    return {
      connection: client,
      query: async (sql, params) => (await this.run(client, sql, params)).rows,
      queryOne: async (sql, params) => (await this.run(client, sql, params)).rows[0],
      execute: async (sql, params) =>
        PostgresSession.toExecuteResult(await this.run(client, sql, params)),
      savepoint: async (name) => void (await client.query(`SAVEPOINT ${name}`)),
      releaseSavepoint: async (name) => void (await client.query(`RELEASE SAVEPOINT ${name}`)),
      rollbackToSavepoint: async (name) => {
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await client.query(`RELEASE SAVEPOINT ${name}`);
      },
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
    };
  }

  resetStatements(): void {
    // New names force pg to prepare again; old names stay valid until their plans go stale.
    this.names = statementCache<string>();
  }
}
