import type { Pool, PoolClient, QueryArrayConfig, QueryConfig, QueryResult } from 'pg';
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

const rowsOf = (result: QueryResult) => result.rows;
const firstRowOf = (result: QueryResult) => result.rows[0];

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

  private config(sql: string, params: unknown[], arrays: boolean): QueryConfig {
    // pg's typings give array rows their own config type; the runtime takes either.
    let name = this.names.get(sql);
    if (!name) {
      name = `${this.prefix}${++this.sequence}`;
      this.names.set(sql, name);
    }
    const values = bindValues(params);
    return arrays
      ? ({ name, text: sql, values, rowMode: 'array' } satisfies QueryArrayConfig as QueryConfig)
      : { name, text: sql, values };
  }

  /**
   * Runs one statement; a failure notes how long it waited (DatabaseBusyError reports it).
   * A plain promise chain, not async frames: single-row statements are the hot path.
   */
  private run(
    target: Queryable,
    sql: string,
    params: unknown[],
    arrays = false,
  ): Promise<QueryResult> {
    const started = performance.now();
    return target.query(this.config(sql, params, arrays)).catch((error: any) => {
      if (!STALE_STATEMENT_CODES.has(error?.code)) {
        noteWaitSince(error, started);
        throw error;
      }
      this.resetStatements();
      const retry = {
        text: sql,
        values: bindValues(params),
        rowMode: arrays ? 'array' : undefined,
      };
      return target.query(retry as QueryConfig).catch((retried) => {
        noteWaitSince(retried, started);
        throw retried;
      });
    });
  }

  private static toExecuteResult(result: QueryResult): ExecuteResult {
    return { affected: result.rowCount ?? 0, rows: result.rows ?? [] };
  }

  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    return this.run(this.pool, sql, params).then(rowsOf);
  }

  queryOne(sql: string, params: unknown[]): Promise<Record<string, unknown> | undefined> {
    return this.run(this.pool, sql, params).then(firstRowOf);
  }

  queryArrays(sql: string, params: unknown[]): Promise<unknown[][]> {
    return this.run(this.pool, sql, params, true).then(rowsOf) as Promise<unknown[][]>;
  }

  execute(sql: string, params: unknown[]): Promise<ExecuteResult> {
    return this.run(this.pool, sql, params).then(PostgresSession.toExecuteResult);
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
    return this.pinned(client, async () => undefined, false);
  }

  /**
   * `deferRelease`: a savepoint that ended well is released together with the next
   * SAVEPOINT (one round trip: `RELEASE a; SAVEPOINT b`) or by COMMIT, instead of a round
   * trip of its own; writes inside a transaction each take a savepoint (see contained), so
   * this saves one round trip per write. Sound while this library sets every savepoint of
   * the transaction: the deferred one is then always the newest, and releasing it releases
   * nothing still open. Once the client is handed out (a TypeORM EntityManager, which may
   * set savepoints of its own), the deferred release is sent and deferring stops.
   */
  private pinned(
    client: PoolClient,
    end: (sql: string) => Promise<void>,
    deferRelease = true,
  ): TransactionSession {
    let defer = deferRelease;
    let pending: string | undefined;
    /** The deferred release as the head of the next statement text ('' when none). */
    const takePending = () => {
      const release = pending ? `RELEASE SAVEPOINT ${pending}; ` : '';
      pending = undefined;
      return release;
    };
    return {
      get connection() {
        if (defer) {
          defer = false;
          const release = takePending();
          // Queued before anything TypeORM sends on the client; a failure there shows on its next statement.
          if (release) client.query(release).catch(() => undefined);
        }
        return client;
      },
      query: (sql, params) => this.run(client, sql, params).then(rowsOf),
      queryOne: (sql, params) => this.run(client, sql, params).then(firstRowOf),
      queryArrays: (sql, params) =>
        this.run(client, sql, params, true).then(rowsOf) as Promise<unknown[][]>,
      execute: (sql, params) => this.run(client, sql, params).then(PostgresSession.toExecuteResult),
      savepoint: async (name) => void (await client.query(`${takePending()}SAVEPOINT ${name}`)),
      releaseSavepoint: async (name) => {
        if (defer) pending = name;
        else await client.query(`RELEASE SAVEPOINT ${name}`);
      },
      rollbackToSavepoint: async (name) => {
        // A deferred release is newer than `name`: the rollback removes it too.
        pending = undefined;
        await client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`);
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
