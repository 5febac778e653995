import type { StatementRunner } from './statement-runner';
import { END_RUN } from './run-writes';
import { TABLES } from './tables/cron-tables';
import { RUN_COLUMNS, toRunRecord } from './tables/records';
import type { RunRecord } from '../interfaces/records.interface';
import { whereEquals } from './where-equals';

/** Which run rows a history read returns (every set field must match). */
export interface RunFilter {
  job?: string;
  eventId?: number;
  status?: string;
  beforeId?: number;
}

export interface RunEnd {
  status: 'succeeded' | 'failed' | 'timeout' | 'skipped';
  finishedAt: number;
  durationMs: number;
  result: string | null;
  error: string | null;
}

/**
 * The run rows (one per attempt) outside the batched writes of RunWrites: attempts that end
 * other than in success, the lost attempts of expired claims, and the history reads.
 */
export class RunHistory {
  constructor(private readonly statements: StatementRunner) {}

  /** Ends a run row that is still `running` (a run already ended by the reaper stays as it is). */
  async end(runId: number, end: RunEnd): Promise<void> {
    await this.statements.execute(END_RUN, [
      end.status,
      end.finishedAt,
      end.durationMs,
      end.result,
      end.error,
      runId,
    ]);
  }

  /** The lost attempt's run row of an expired claim ends `failed`. */
  async failLost(
    eventId: number,
    attempt: number,
    finishedAt: number,
    error: string,
  ): Promise<void> {
    await this.statements.execute(
      `UPDATE ${TABLES.runs} SET status = 'failed', finished_at = ?, duration_ms = ? - started_at, error = ? WHERE event_id = ? AND attempt = ? AND status = 'running'`,
      [finishedAt, finishedAt, error, eventId, attempt],
    );
  }

  async byId(id: number): Promise<RunRecord | undefined> {
    const row = await this.statements.one(
      `SELECT ${RUN_COLUMNS} FROM ${TABLES.runs} WHERE id = ?`,
      [id],
    );
    return row ? toRunRecord(row) : undefined;
  }

  /** Newest first; `beforeId` pages back (runs with a smaller id only). */
  async list(where: RunFilter, limit: number): Promise<RunRecord[]> {
    const filter = whereEquals({ job: where.job, event_id: where.eventId, status: where.status });
    let sql = filter.sql;
    const params = [...filter.params];
    if (where.beforeId !== undefined) {
      sql += `${sql ? ' AND' : ' WHERE'} id < ?`;
      params.push(where.beforeId);
    }
    const rows = await this.statements.query(
      `SELECT ${RUN_COLUMNS} FROM ${TABLES.runs}${sql} ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
      params,
    );
    return rows.map(toRunRecord);
  }
}
