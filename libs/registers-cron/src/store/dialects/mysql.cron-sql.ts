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
 * MariaDB (≥ 10.6) and MySQL 8: SKIP LOCKED exists but UPDATE … RETURNING does not, so
 * the claim is one short READ COMMITTED transaction (no gap locks that would block inserts
 * of new events): lock the due ids, mark them, read them back by token.
 * The duplicate-safe insert is `ON DUPLICATE KEY UPDATE id = id` (never INSERT IGNORE,
 * which would also swallow real errors such as a too-long value).
 */
export const mysqlCronSql: CronSqlDialect = {
  // 1213 ER_LOCK_DEADLOCK, 1205 ER_LOCK_WAIT_TIMEOUT
  isTransient: (error) => [1213, 1205].includes((error as { errno?: number })?.errno ?? 0),
  sql: (text) => text,
  databaseNow: `SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS UNSIGNED) AS now`,

  async insertEvent(connection: DatabaseConnection, event: NewEvent) {
    const result = await connection.execute(
      `INSERT INTO ${TABLES.events} (${INSERT_EVENT_COLUMNS}) VALUES (${INSERT_EVENT_VALUES}) ON DUPLICATE KEY UPDATE id = id`,
      insertEventParams(event),
    );
    return result.affected === 1 && result.insertId ? result.insertId : undefined;
  },

  async claim(connection: DatabaseConnection, request: ClaimRequest): Promise<StoredEvent[]> {
    const due = dueEventsSelect(request);
    return connection.transaction(
      async () => {
        const ids = await connection.query<{ id: number }>(
          `${due.text} FOR UPDATE SKIP LOCKED`,
          due.params,
        );
        if (ids.length === 0) return [];
        const list = ids.map(() => '?').join(', ');
        await connection.execute(
          `UPDATE ${TABLES.events} SET ${CLAIM_SET} WHERE id IN (${list}) AND status = 'pending'`,
          [...claimSetParams(request), ...ids.map((r) => Number(r.id))],
        );
        const rows = await connection.query(
          `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events} WHERE lease_token = ? ORDER BY run_after, id`,
          [request.token],
        );
        return rows.map(toStoredEvent);
      },
      { isolation: 'read committed' },
    );
  },

  async insertRun(connection: DatabaseConnection, params: unknown[]) {
    return (await connection.execute(INSERT_RUN, params)).insertId!;
  },
};
