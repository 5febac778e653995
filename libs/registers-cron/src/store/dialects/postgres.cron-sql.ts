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
import type {
  AttemptEnd,
  ClaimRequest,
  CronSqlDialect,
  NewEvent,
  RunStartRow,
  SucceededRun,
  WrittenRuns,
} from './cron-sql-dialect.interface';
import { TABLES } from '../tables/cron-tables';
import { EVENT_COLUMNS, toStoredEvent, type StoredEvent } from '../tables/stored-event';
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

/**
 * A round of a worker pool's bookkeeping in one statement (no BEGIN/COMMIT round trips):
 * successful events end, their run rows end only where the event's claim (its token) still
 * held, and new run rows start, those of attempts that already succeeded written ended
 * (their events are among the successes, without a run id). Data-modifying CTEs run
 * exactly once and see one snapshot.
 */
const WRITE_RUNS = numbered(
  `WITH u AS (SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])` +
    ` AS u(event_id, token, run_id, finished_at, duration_ms, result)),` +
    ` done AS (UPDATE ${TABLES.events} e SET status = 'succeeded', finished_at = u.finished_at, error = NULL,` +
    ` lease_owner = NULL, lease_token = NULL, lease_until = NULL` +
    ` FROM u WHERE e.id = u.event_id AND e.lease_token = u.token AND e.status = 'running' RETURNING e.id, u.token),` +
    ` ended AS (UPDATE ${TABLES.runs} r SET status = 'succeeded', finished_at = u.finished_at,` +
    ` duration_ms = u.duration_ms, result = u.result, error = NULL` +
    ` FROM u WHERE r.id = u.run_id AND r.status = 'running' AND (u.event_id, u.token) IN (SELECT id, token FROM done)),` +
    ` s AS (SELECT s.*, (s.event_id, s.token) IN (SELECT id, token FROM done) AS ok FROM unnest(` +
    `?::text[], ?::bigint[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[])` +
    ` AS s(job, event_id, attempt, status, started_at, instance, token, finished_at, duration_ms, result)),` +
    ` started AS (INSERT INTO ${TABLES.runs} (job, event_id, attempt, status, started_at, instance, finished_at, duration_ms, result)` +
    ` SELECT job, event_id, attempt, CASE WHEN ok THEN 'succeeded' ELSE status END, started_at, instance,` +
    ` CASE WHEN ok THEN finished_at END, CASE WHEN ok THEN duration_ms END, CASE WHEN ok THEN result END FROM s` +
    ` RETURNING id, event_id, attempt, status)` +
    ` SELECT 'done' AS kind, id, NULL::bigint AS event_id, NULL::int AS attempt, token AS tag FROM done` +
    ` UNION ALL SELECT 'started', id, event_id, attempt, status FROM started`,
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
  databaseNow: `SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now`,

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

  async writeRuns(
    connection: DatabaseConnection,
    completions: SucceededRun[],
    starts: RunStartRow[],
  ): Promise<WrittenRuns> {
    // The successes of new run rows end their events with the others, without a run id.
    const ends: Array<AttemptEnd & { runId: number | null }> = [...completions];
    for (const start of starts) if (start.finish) ends.push({ ...start.finish, runId: null });
    const endColumns = (end: AttemptEnd | undefined) => [
      end?.token ?? null,
      end?.finishedAt ?? null,
      end?.durationMs ?? null,
      end?.result ?? null,
    ];
    const rows = await connection.query<{
      kind: string;
      id: string | number;
      event_id: string | null;
      attempt: number | null;
      /** A done row's claim token; a started row's status. */
      tag: string;
    }>(WRITE_RUNS, [
      ...columns(
        ends.map((e) => [e.eventId, e.token, e.runId, e.finishedAt, e.durationMs, e.result]),
        6,
      ),
      ...columns(
        starts.map((start) => [...start.params, ...endColumns(start.finish)]),
        10,
      ),
    ]);
    const done = new Set<string>();
    const started = new Map<string, { id: number; finished: boolean }>();
    for (const r of rows)
      if (r.kind === 'done') done.add(`${r.id}:${r.tag}`);
      else
        started.set(`${r.event_id}:${r.attempt}`, {
          id: Number(r.id),
          finished: r.tag === 'succeeded',
        });
    const written = starts.map((start) => started.get(`${start.params[1]}:${start.params[2]}`)!);
    return {
      applied: completions.map((i) => done.has(`${i.eventId}:${i.token}`)),
      ids: written.map((w) => w.id),
      finished: written.map((w, i) => w.finished && starts[i].finish !== undefined),
    };
  },

  listen: listenForEvents,
};
