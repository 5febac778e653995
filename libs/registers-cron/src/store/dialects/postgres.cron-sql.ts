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
import type {
  ClaimRequest,
  CronSqlDialect,
  NewEvent,
  SucceededRun,
} from '../cron-sql-dialect.interface';
import { TABLES } from '../cron-tables';
import { EVENT_COLUMNS, toStoredEvent, type StoredEvent } from '../stored-event';
import { listenForEvents, NOTIFY_CHANNEL } from './postgres-listener';

/** `?` → `$1, $2, …` (the store's SQL has no `?` inside literals). */
function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/*
 * The batched statements pass one array per column and unnest them, so their SQL text is
 * the same whatever the batch size (one prepared statement each).
 */
const INSERT_EVENTS = numbered(
  `WITH inserted AS (INSERT INTO ${TABLES.events} (${INSERT_EVENT_COLUMNS})` +
    ` SELECT u.job, u.source, u.dedupe_key, u.status, 0, u.max_attempts, u.payload, u.created_at, u.run_after, u.scheduled_at` +
    ` FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])` +
    ` AS u(job, source, dedupe_key, status, max_attempts, payload, created_at, run_after, scheduled_at)` +
    ` ON CONFLICT (job, dedupe_key) DO NOTHING RETURNING id, job, dedupe_key)` +
    ` SELECT id, job, dedupe_key, pg_notify('${NOTIFY_CHANNEL}', '') FROM inserted`,
);

const INSERT_RUNS = numbered(
  `INSERT INTO ${TABLES.runs} (job, event_id, attempt, status, started_at, instance)` +
    ` SELECT * FROM unnest(?::text[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::text[])` +
    ` RETURNING id, event_id, attempt`,
);

const COMPLETE_EVENTS = numbered(
  `UPDATE ${TABLES.events} e SET status = 'succeeded', finished_at = u.finished_at, error = NULL,` +
    ` lease_owner = NULL, lease_token = NULL, lease_until = NULL` +
    ` FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS u(id, token, finished_at)` +
    ` WHERE e.id = u.id AND e.lease_token = u.token AND e.status = 'running' RETURNING e.id`,
);

const COMPLETE_RUNS = numbered(
  `UPDATE ${TABLES.runs} r SET status = 'succeeded', finished_at = u.finished_at,` +
    ` duration_ms = u.duration_ms, result = u.result, error = NULL` +
    ` FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::text[]) AS u(id, finished_at, duration_ms, result)` +
    ` WHERE r.id = u.id AND r.status = 'running'`,
);

/** Column arrays of `rows` (one array per column index). */
function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, c) => rows.map((row) => row[c]));
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
        // The locked rows were pending when locked (FOR UPDATE re-checks the condition on
        // the latest version) and stay ours until commit, so the UPDATE names them by key
        // only; `= ANY(ARRAY(…))` makes that a primary-key lookup whatever the table's
        // statistics say (a join here read every pending row on a freshly created table).
        `WITH due AS (${due.text} FOR UPDATE OF e SKIP LOCKED) UPDATE ${TABLES.events} SET ${CLAIM_SET} WHERE ${TABLES.events}.id = ANY(ARRAY(SELECT id FROM due)) RETURNING ${EVENT_COLUMNS.split(
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

  async insertEvents(connection: DatabaseConnection, events: NewEvent[]) {
    const rows = await connection.query<{ id: string | number; job: string; dedupe_key: string }>(
      INSERT_EVENTS,
      columns(events.map(insertEventParams), 9),
    );
    const ids = new Map(rows.map((r) => [`${r.job}\n${r.dedupe_key}`, Number(r.id)]));
    return events.map((e) => ids.get(`${e.job}\n${e.dedupeKey}`));
  },

  async insertRuns(connection: DatabaseConnection, runs: unknown[][]) {
    const rows = await connection.query<{ id: string | number; event_id: string; attempt: number }>(
      INSERT_RUNS,
      columns(runs, 6),
    );
    const ids = new Map(rows.map((r) => [`${r.event_id}:${r.attempt}`, Number(r.id)]));
    return runs.map((run) => ids.get(`${run[1]}:${run[2]}`)!);
  },

  async completeSucceeded(connection: DatabaseConnection, items: SucceededRun[]) {
    const done = await connection.query<{ id: string | number }>(COMPLETE_EVENTS, [
      items.map((i) => i.eventId),
      items.map((i) => i.token),
      items.map((i) => i.finishedAt),
    ]);
    const applied = new Set(done.map((r) => Number(r.id)));
    const ended = items.filter((i) => applied.has(i.eventId));
    if (ended.length > 0)
      await connection.execute(COMPLETE_RUNS, [
        ended.map((i) => i.runId),
        ended.map((i) => i.finishedAt),
        ended.map((i) => i.durationMs),
        ended.map((i) => i.result),
      ]);
    return items.map((i) => applied.has(i.eventId));
  },

  listen: listenForEvents,
};
