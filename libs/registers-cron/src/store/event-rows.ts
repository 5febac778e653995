import type { CronStatus } from '../interfaces/records.interface';
import type { StatementRunner } from './statement-runner';
import { TABLES } from './tables/cron-tables';
import { EVENT_COLUMNS, num, toStoredEvent, type StoredEvent } from './tables/stored-event';
import { whereEquals } from './where-equals';

/**
 * Reads of the events table beside the claim (lookups, lists, counts), the lease reaper's
 * view of expired claims, and the reset that queues a failed or dead-letter event again.
 */
export class EventRows {
  constructor(private readonly statements: StatementRunner) {}

  async byKey(job: string, dedupeKey: string): Promise<StoredEvent | undefined> {
    const row = await this.statements.one(
      `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events} WHERE job = ? AND dedupe_key = ?`,
      [job, dedupeKey],
    );
    return row ? toStoredEvent(row) : undefined;
  }

  async byId(id: number): Promise<StoredEvent | undefined> {
    const row = await this.statements.one(
      `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events} WHERE id = ?`,
      [id],
    );
    return row ? toStoredEvent(row) : undefined;
  }

  async list(where: { job?: string; status?: string }, limit: number): Promise<StoredEvent[]> {
    const filter = whereEquals({ job: where.job, status: where.status });
    const rows = await this.statements.query(
      `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events}${filter.sql} ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
      filter.params,
    );
    return rows.map(toStoredEvent);
  }

  /** Events of `job` other than `exceptId` that are waiting (pending) or running. */
  async active(job: string, exceptId: number): Promise<Array<{ id: number; status: string }>> {
    const rows = await this.statements.query(
      `SELECT id, status FROM ${TABLES.events} WHERE job = ? AND id <> ? AND status IN ('pending', 'running')`,
      [job, exceptId],
    );
    return rows.map((r) => ({ id: num(r.id), status: String(r.status) }));
  }

  /** Claims whose lease ran out: their worker died or stalled. */
  async expiredClaims(now: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.statements.query(
      `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events} WHERE status = 'running' AND lease_until < ? ORDER BY lease_until LIMIT ${limit}`,
      [now],
    );
    return rows.map(toStoredEvent);
  }

  /** A failed or dead-lettered event back to pending, with a fresh set of attempts. */
  async resetForRetry(id: number, now: number): Promise<boolean> {
    return (
      (await this.statements.execute(
        `UPDATE ${TABLES.events} SET status = 'pending', attempt = 0, run_after = ?, finished_at = NULL, error = NULL WHERE id = ? AND status IN ('failed', 'dead_letter')`,
        [now, id],
      )) > 0
    );
  }

  /** Events by status, and the number of run rows (`cron status`). */
  async counts(): Promise<Omit<CronStatus, 'instances'>> {
    const rows = await this.statements.query(
      `SELECT status, COUNT(*) AS n FROM ${TABLES.events} GROUP BY status`,
    );
    const by = new Map(rows.map((r) => [String(r.status), num(r.n)]));
    const runs = await this.statements.one(`SELECT COUNT(*) AS n FROM ${TABLES.runs}`);
    return {
      pending: by.get('pending') ?? 0,
      running: by.get('running') ?? 0,
      succeeded: by.get('succeeded') ?? 0,
      failed: by.get('failed') ?? 0,
      deadLetter: by.get('dead_letter') ?? 0,
      skipped: by.get('skipped') ?? 0,
      runs: num(runs?.n ?? 0),
    };
  }
}
