import type { DatabaseConnection } from '@registers/db';
import { CLAIM_SET, claimSetParams, dueEventsSelect, INSERT_EVENT_COLUMNS, INSERT_EVENT_VALUES, insertEventParams } from '../claim-sql';
import type { ClaimRequest, CronSqlDialect, NewEvent } from '../cron-sql-dialect.interface';
import { TABLES } from '../cron-tables';
import { EVENT_COLUMNS, toStoredEvent, type StoredEvent } from '../stored-event';

/**
 * SQLite: one writer at a time per file, so a single UPDATE … RETURNING is an atomic claim
 * across every process on the file (busy_timeout makes the others wait, not fail).
 */
export const sqliteCronSql: CronSqlDialect = {
  sql: (text) => text,

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
      `UPDATE ${TABLES.events} SET ${CLAIM_SET} WHERE id IN (${due.text}) RETURNING ${EVENT_COLUMNS}`,
      [...claimSetParams(request), ...due.params],
    );
    return rows.map(toStoredEvent).sort((a, b) => a.runAfter - b.runAfter || a.id - b.id);
  },
};
