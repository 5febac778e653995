import type { DatabaseConnection } from '@registers/db';
import {
  CLAIM_SET,
  claimSetParams,
  dueEventsSelect,
  INSERT_EVENT_COLUMNS,
  INSERT_EVENT_VALUES,
  insertEventParams,
  INSERT_RUN,
} from './shared-statements';
import type { ClaimRequest, CronSqlDialect, NewEvent } from './cron-sql-dialect.interface';
import { TABLES } from '../tables/cron-tables';
import { EVENT_COLUMNS, toStoredEvent, type StoredEvent } from '../tables/stored-event';

/**
 * SQLite: one writer at a time per file, so a single UPDATE … RETURNING is an atomic claim
 * across every process on the file (busy_timeout makes the others wait, not fail).
 */
export const sqliteCronSql: CronSqlDialect = {
  isTransient: (error) =>
    ['SQLITE_BUSY', 'SQLITE_LOCKED'].includes((error as { code?: string })?.code ?? ''),
  sql: (text) => text,
  databaseNow: `SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS now`,

  async insertEvent(connection: DatabaseConnection, event: NewEvent) {
    const row = await connection.queryOne<{ id: number }>(
      `INSERT INTO ${TABLES.events} (${INSERT_EVENT_COLUMNS}) VALUES (${INSERT_EVENT_VALUES}) ON CONFLICT (job, dedupe_key) DO NOTHING RETURNING id`,
      insertEventParams(event),
    );
    return row ? Number(row.id) : undefined;
  },

  async claim(connection: DatabaseConnection, request: ClaimRequest): Promise<StoredEvent[]> {
    const due = dueEventsSelect(request);
    const rows = await connection.query(
      `UPDATE ${TABLES.events} SET ${CLAIM_SET} WHERE id IN (${due.text}) AND status = 'pending' RETURNING ${EVENT_COLUMNS}`,
      [...claimSetParams(request), ...due.params],
    );
    return rows.map(toStoredEvent).sort((a, b) => a.runAfter - b.runAfter || a.id - b.id);
  },

  async insertRun(connection: DatabaseConnection, params: unknown[]) {
    const row = await connection.queryOne<{ id: number }>(`${INSERT_RUN} RETURNING id`, params);
    return Number(row!.id);
  },
};
