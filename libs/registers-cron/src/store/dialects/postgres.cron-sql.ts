import type { DatabaseConnection } from '@registers/db';
import {
  CLAIM_SET,
  claimSetParams,
  dueEventsSelect,
  INSERT_EVENT_COLUMNS,
  INSERT_EVENT_VALUES,
  insertEventParams,
  INSERT_RUN,
} from '../shared-statements';
import type { ClaimRequest, CronSqlDialect, NewEvent } from '../cron-sql-dialect.interface';
import { TABLES } from '../cron-tables';
import { EVENT_COLUMNS, toStoredEvent, type StoredEvent } from '../stored-event';
import { listenForEvents, NOTIFY_CHANNEL } from './postgres-listener';

/** `?` → `$1, $2, …` (the store's SQL has no `?` inside literals). */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/**
 * PostgreSQL: the due rows are locked with FOR UPDATE SKIP LOCKED inside the UPDATE's CTE,
 * so concurrent workers each take different events and never wait on each other.
 */
export const postgresCronSql: CronSqlDialect = {
  // 40P01 deadlock_detected, 40001 serialization_failure, 55P03 lock_not_available
  isTransient: (error) =>
    ['40P01', '40001', '55P03'].includes((error as { code?: string })?.code ?? ''),
  sql: numbered,

  async insertEvent(connection: DatabaseConnection, event: NewEvent) {
    // pg_notify runs only when a row was inserted, and is delivered when the statement commits.
    const row = await connection.queryOne<{ id: string | number }>(
      numbered(
        `WITH inserted AS (INSERT INTO ${TABLES.events} (${INSERT_EVENT_COLUMNS}) VALUES (${INSERT_EVENT_VALUES}) ON CONFLICT (job, dedupe_key) DO NOTHING RETURNING id) SELECT id, pg_notify('${NOTIFY_CHANNEL}', '') FROM inserted`,
      ),
      insertEventParams(event),
    );
    return row ? Number(row.id) : undefined;
  },

  async claim(connection: DatabaseConnection, request: ClaimRequest): Promise<StoredEvent[]> {
    const due = dueEventsSelect(request);
    const rows = await connection.query(
      numbered(
        `WITH due AS (${due.text} FOR UPDATE OF e SKIP LOCKED) UPDATE ${TABLES.events} SET ${CLAIM_SET} FROM due WHERE ${TABLES.events}.id = due.id AND ${TABLES.events}.status = 'pending' RETURNING ${EVENT_COLUMNS.split(
          ', ',
        )
          .map((c) => `${TABLES.events}.${c}`)
          .join(', ')}`,
      ),
      [...due.params, ...claimSetParams(request)],
    );
    return rows.map(toStoredEvent).sort((a, b) => a.runAfter - b.runAfter || a.id - b.id);
  },

  async insertRun(connection: DatabaseConnection, params: unknown[]) {
    const row = await connection.queryOne<{ id: string | number }>(
      numbered(`${INSERT_RUN} RETURNING id`),
      params,
    );
    return Number(row!.id);
  },

  listen: listenForEvents,
};
