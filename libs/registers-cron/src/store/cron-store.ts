import type { Type } from '@nestjs/common';
import type { DatabaseConnection, DatabaseRegistry } from '@registers/db';
import type {
  CronStatus,
  EventRecord,
  InstanceRecord,
  RunRecord,
} from '../interfaces/records.interface';
import type {
  ClaimRequest,
  CronSqlDialect,
  NewEvent,
  SucceededRun,
} from './cron-sql-dialect.interface';
import { CRON_TABLE_MODELS, TABLES } from './cron-tables';
import { cronSqlFor } from './dialects';
import { retryTransient } from './retry-transient';
import { DUE_INDEX } from './shared-statements';
import { END_RUN, FINISH_EVENT, RunWrites } from './run-writes';
import {
  EVENT_COLUMNS,
  num,
  numOrNull,
  strOrNull,
  toStoredEvent,
  type StoredEvent,
} from './stored-event';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toEventRecord(e: StoredEvent): EventRecord {
  return {
    id: e.id,
    job: e.job,
    source: e.source,
    status: e.status as EventRecord['status'],
    attempt: e.attempt,
    payload: parseJson(e.payload),
    createdAt: iso(e.createdAt),
    runAfter: iso(e.runAfter),
    scheduledAt: isoOrNull(e.scheduledAt),
    error: e.error,
  };
}

function toRunRecord(row: Record<string, unknown>): RunRecord {
  return {
    id: num(row.id),
    job: String(row.job),
    eventId: num(row.event_id),
    attempt: num(row.attempt),
    status: String(row.status) as RunRecord['status'],
    startedAt: iso(num(row.started_at)),
    finishedAt: isoOrNull(numOrNull(row.finished_at)),
    durationMs: numOrNull(row.duration_ms),
    result: parseJson(strOrNull(row.result)),
    error: strOrNull(row.error),
    instance: String(row.instance),
  };
}

/** ` WHERE a = ? AND b = ?` over the given columns whose value is set (empty or undefined: no condition). */
function whereEquals(columns: Record<string, string | number | undefined>): {
  sql: string;
  params: unknown[];
} {
  const set = Object.entries(columns).filter(([, value]) => value !== undefined && value !== '');
  return {
    sql: set.length ? ` WHERE ${set.map(([column]) => `${column} = ?`).join(' AND ')}` : '',
    params: set.map(([, value]) => value),
  };
}

const RUN_COLUMNS =
  'id, job, event_id, attempt, status, started_at, finished_at, duration_ms, result, error, instance';

export interface FinishedEvent {
  status: 'succeeded' | 'failed' | 'dead_letter' | 'skipped';
  finishedAt: number;
  error: string | null;
}

export interface RunEnd {
  status: 'succeeded' | 'failed' | 'timeout' | 'skipped';
  finishedAt: number;
  durationMs: number;
  result: string | null;
  error: string | null;
}

/**
 * Every statement of the cron runtime, over the `@registers/db` connection. Writes of a
 * claimed event name its fencing token and report whether they applied: zero rows means
 * the claim was lost (expired and taken by another worker) and the caller must stop.
 */
export class CronStore {
  readonly connection: DatabaseConnection;
  private readonly dialect: CronSqlDialect;
  private ready?: Promise<void>;
  private readonly runWrites: RunWrites;

  /** `registry`: where the cron tables are registered; its managers serve the workflows table. */
  constructor(readonly registry: DatabaseRegistry) {
    registry.register(...CRON_TABLE_MODELS);
    this.connection = registry.connection;
    this.dialect = cronSqlFor(this.connection.dialect);
    this.runWrites = new RunWrites(this.connection, this.dialect, (work) => this.retrying(work));
  }

  /** Opens the database and creates the cron tables when missing (safe when several processes race). */
  ensureReady(): Promise<void> {
    this.ready ??= (async () => {
      await this.connection.open();
      for (const model of CRON_TABLE_MODELS)
        await this.registry.schema(model as Type<object>).createSchema();
      // Two processes creating it at once can collide on PostgreSQL's catalog; the second
      // try waits for the first and then finds the index there.
      await this.connection.execute(DUE_INDEX).catch(() => this.connection.execute(DUE_INDEX));
    })().catch((error) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  /** Runs a statement (or the dialect's claim) once the tables exist, again after a transient failure. */
  private async retrying<T>(work: () => Promise<T>): Promise<T> {
    await this.ensureReady();
    return retryTransient((error) => this.dialect.isTransient(error), work);
  }

  private query(text: string, params: unknown[] = []) {
    return this.retrying(() => this.connection.query(this.dialect.sql(text), params));
  }

  private one(text: string, params: unknown[] = []) {
    return this.retrying(() => this.connection.queryOne(this.dialect.sql(text), params));
  }

  private async execute(text: string, params: unknown[] = []): Promise<number> {
    return (await this.retrying(() => this.connection.execute(this.dialect.sql(text), params)))
      .affected;
  }

  /** Calls `onEvent` when any process inserts an event (PostgreSQL); a no-op elsewhere. */
  async listen(onEvent: () => void): Promise<() => Promise<void>> {
    if (!this.dialect.listen) return async () => undefined;
    await this.ensureReady();
    return this.dialect.listen(this.connection, onEvent);
  }

  // ---- jobs -------------------------------------------------------------------------

  /** Records a declared job (kind and spec), keeping its paused flag and high-water mark. */
  async syncJob(name: string, kind: string, spec: string, now: number): Promise<void> {
    const changed = await this.execute(
      `UPDATE ${TABLES.jobs} SET kind = ?, spec = ?, updated_at = ? WHERE name = ?`,
      [kind, spec, now, name],
    );
    if (changed > 0) return;
    try {
      await this.execute(
        `INSERT INTO ${TABLES.jobs} (name, kind, spec, paused, last_fire_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?)`,
        [name, kind, spec, false, now],
      );
    } catch (error) {
      // Another process inserted it first: that row is as good as ours.
      if (!(await this.one(`SELECT name FROM ${TABLES.jobs} WHERE name = ?`, [name]))) throw error;
    }
  }

  async jobState(
    name: string,
  ): Promise<{ paused: boolean; lastFireAt: number | null } | undefined> {
    const row = await this.one(`SELECT paused, last_fire_at FROM ${TABLES.jobs} WHERE name = ?`, [
      name,
    ]);
    if (!row) return undefined;
    return {
      paused: Boolean(Number(row.paused)), // true/false on PostgreSQL, 1/0 elsewhere
      lastFireAt: numOrNull(row.last_fire_at),
    };
  }

  async pausedJobs(): Promise<Set<string>> {
    const rows = await this.query(`SELECT name FROM ${TABLES.jobs} WHERE paused = ?`, [true]);
    return new Set(rows.map((r) => String(r.name)));
  }

  async setPaused(name: string, paused: boolean, now: number): Promise<void> {
    await this.execute(`UPDATE ${TABLES.jobs} SET paused = ?, updated_at = ? WHERE name = ?`, [
      paused,
      now,
      name,
    ]);
  }

  /** Moves the high-water mark forward only (never back), so catch-up stays exact with many schedulers. */
  async advanceHighWater(name: string, fireAt: number): Promise<void> {
    await this.execute(
      `UPDATE ${TABLES.jobs} SET last_fire_at = ? WHERE name = ? AND (last_fire_at IS NULL OR last_fire_at < ?)`,
      [fireAt, name, fireAt],
    );
  }

  // ---- events -----------------------------------------------------------------------

  insertEvent(event: NewEvent): Promise<number | undefined> {
    return this.retrying(() => this.dialect.insertEvent(this.connection, event));
  }

  /** Inserts many events in one transaction (one commit); ids in input order, undefined for an existing dedupe key. */
  insertEvents(events: NewEvent[]): Promise<Array<number | undefined>> {
    const { dialect, connection } = this;
    if (dialect.insertEvents) return this.retrying(() => dialect.insertEvents!(connection, events));
    return this.retrying(() =>
      connection.transaction(async () => {
        const ids: Array<number | undefined> = [];
        for (const event of events) ids.push(await dialect.insertEvent(connection, event));
        return ids;
      }),
    );
  }

  async eventByKey(job: string, dedupeKey: string): Promise<StoredEvent | undefined> {
    const row = await this.one(
      `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events} WHERE job = ? AND dedupe_key = ?`,
      [job, dedupeKey],
    );
    return row ? toStoredEvent(row) : undefined;
  }

  async event(id: number): Promise<StoredEvent | undefined> {
    const row = await this.one(`SELECT ${EVENT_COLUMNS} FROM ${TABLES.events} WHERE id = ?`, [id]);
    return row ? toStoredEvent(row) : undefined;
  }

  async events(where: { job?: string; status?: string }, limit: number): Promise<StoredEvent[]> {
    const filter = whereEquals({ job: where.job, status: where.status });
    const rows = await this.query(
      `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events}${filter.sql} ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
      filter.params,
    );
    return rows.map(toStoredEvent);
  }

  /** Events of `job` other than `exceptId` that are waiting (pending) or running. */
  async activeEvents(
    job: string,
    exceptId: number,
  ): Promise<Array<{ id: number; status: string }>> {
    const rows = await this.query(
      `SELECT id, status FROM ${TABLES.events} WHERE job = ? AND id <> ? AND status IN ('pending', 'running')`,
      [job, exceptId],
    );
    return rows.map((r) => ({ id: num(r.id), status: String(r.status) }));
  }

  /** A claim that lost a deadlock was rolled back whole, so it is simply tried again. */
  claim(request: ClaimRequest): Promise<StoredEvent[]> {
    return this.retrying(() => this.dialect.claim(this.connection, request));
  }

  async extendLease(id: number, token: string, leaseUntil: number): Promise<boolean> {
    return (
      (await this.execute(
        `UPDATE ${TABLES.events} SET lease_until = ? WHERE id = ? AND lease_token = ? AND status = 'running'`,
        [leaseUntil, id, token],
      )) > 0
    );
  }

  /** Ends a claimed event for good. False when the claim was lost. */
  async finishEvent(id: number, token: string, end: FinishedEvent): Promise<boolean> {
    return (
      (await this.execute(FINISH_EVENT, [end.status, end.finishedAt, end.error, id, token])) > 0
    );
  }

  /** Puts a claimed event back in the queue (a retry, or a claim given back). False when the claim was lost. */
  async requeueEvent(
    id: number,
    token: string,
    runAfter: number,
    error: string | null,
    undoAttempt = false,
  ): Promise<boolean> {
    return (
      (await this.execute(
        `UPDATE ${TABLES.events} SET status = 'pending', run_after = ?, error = ?, lease_owner = NULL, lease_token = NULL, lease_until = NULL${undoAttempt ? ', attempt = attempt - 1' : ''} WHERE id = ? AND lease_token = ? AND status = 'running'`,
        [runAfter, error, id, token],
      )) > 0
    );
  }

  /** Claims whose lease ran out: their worker died or stalled. */
  async expiredClaims(now: number, limit = 100): Promise<StoredEvent[]> {
    const rows = await this.query(
      `SELECT ${EVENT_COLUMNS} FROM ${TABLES.events} WHERE status = 'running' AND lease_until < ? ORDER BY lease_until LIMIT ${limit}`,
      [now],
    );
    return rows.map(toStoredEvent);
  }

  /** A failed or dead-lettered event back to pending, with a fresh set of attempts. */
  async resetForRetry(id: number, now: number): Promise<boolean> {
    return (
      (await this.execute(
        `UPDATE ${TABLES.events} SET status = 'pending', attempt = 0, run_after = ?, finished_at = NULL, error = NULL WHERE id = ? AND status IN ('failed', 'dead_letter')`,
        [now, id],
      )) > 0
    );
  }

  // ---- runs -------------------------------------------------------------------------

  /**
   * Records the start of an attempt. Starts of attempts that begin together (workers of one
   * claim) share one statement or transaction.
   */
  startRun(
    e: StoredEvent,
    instance: string,
    startedAt: number,
    status: 'running' | 'skipped' = 'running',
  ): Promise<number> {
    return this.runWrites.start([e.job, e.id, e.attempt, status, startedAt, instance]);
  }

  /**
   * Ends a successful attempt: the event `succeeded` (if its claim still holds) and its run
   * row with it, in one commit shared with the other workers finishing at the same time.
   * False when the claim was lost; the run row is then left to the caller.
   */
  completeSucceeded(item: SucceededRun): Promise<boolean> {
    return this.runWrites.complete(item);
  }

  /** Ends a run row that is still `running` (a run already ended by the reaper stays as it is). */
  async endRun(runId: number, end: RunEnd): Promise<void> {
    await this.execute(END_RUN, [
      end.status,
      end.finishedAt,
      end.durationMs,
      end.result,
      end.error,
      runId,
    ]);
  }

  /** The lost attempt's run row of an expired claim ends `failed`. */
  async failLostRun(
    eventId: number,
    attempt: number,
    finishedAt: number,
    error: string,
  ): Promise<void> {
    await this.execute(
      `UPDATE ${TABLES.runs} SET status = 'failed', finished_at = ?, duration_ms = ? - started_at, error = ? WHERE event_id = ? AND attempt = ? AND status = 'running'`,
      [finishedAt, finishedAt, error, eventId, attempt],
    );
  }

  async run(id: number): Promise<RunRecord | undefined> {
    const row = await this.one(`SELECT ${RUN_COLUMNS} FROM ${TABLES.runs} WHERE id = ?`, [id]);
    return row ? toRunRecord(row) : undefined;
  }

  async runs(where: { job?: string; eventId?: number }, limit: number): Promise<RunRecord[]> {
    const filter = whereEquals({ job: where.job, event_id: where.eventId });
    const rows = await this.query(
      `SELECT ${RUN_COLUMNS} FROM ${TABLES.runs}${filter.sql} ORDER BY id DESC LIMIT ${Math.floor(limit)}`,
      filter.params,
    );
    return rows.map(toRunRecord);
  }

  // ---- leases ----------------------------------------------------------------------

  /**
   * Takes or renews the lease `name` for `holder` until `until`: true when `holder` has it.
   * A lease changes hands only once it has run out, so at most one holder at a time.
   */
  async acquireLease(name: string, holder: string, now: number, until: number): Promise<boolean> {
    const updated = await this.execute(
      `UPDATE ${TABLES.leases} SET holder = ?, held_until = ? WHERE name = ? AND (holder = ? OR held_until < ?)`,
      [holder, until, name, holder, now],
    );
    if (updated > 0) return true;
    try {
      await this.execute(
        `INSERT INTO ${TABLES.leases} (name, holder, held_until) VALUES (?, ?, ?)`,
        [name, holder, until],
      );
      return true;
    } catch (error) {
      // The row exists (another holder, or a racing insert): not ours.
      if (await this.one(`SELECT name FROM ${TABLES.leases} WHERE name = ?`, [name])) return false;
      throw error;
    }
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.execute(`DELETE FROM ${TABLES.leases} WHERE name = ? AND holder = ?`, [
      name,
      holder,
    ]);
  }

  // ---- instances and status ---------------------------------------------------------

  async heartbeat(
    instance: Omit<InstanceRecord, 'startedAt' | 'heartbeatAt'>,
    startedAt: number,
    now: number,
  ): Promise<void> {
    const updated = await this.execute(
      `UPDATE ${TABLES.runtime} SET heartbeat_at = ? WHERE id = ?`,
      [now, instance.id],
    );
    if (updated > 0) return;
    await this.execute(
      `INSERT INTO ${TABLES.runtime} (id, host, pid, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)`,
      [instance.id, instance.host, instance.pid, startedAt, now],
    );
  }

  async removeInstance(id: string): Promise<void> {
    await this.execute(`DELETE FROM ${TABLES.runtime} WHERE id = ?`, [id]);
  }

  async dropDeadInstances(before: number): Promise<void> {
    await this.execute(`DELETE FROM ${TABLES.runtime} WHERE heartbeat_at < ?`, [before]);
  }

  async instances(aliveAfter: number): Promise<InstanceRecord[]> {
    const rows = await this.query(
      `SELECT id, host, pid, started_at, heartbeat_at FROM ${TABLES.runtime} WHERE heartbeat_at >= ? ORDER BY started_at, id`,
      [aliveAfter],
    );
    return rows.map((r) => ({
      id: String(r.id),
      host: String(r.host),
      pid: num(r.pid),
      startedAt: iso(num(r.started_at)),
      heartbeatAt: iso(num(r.heartbeat_at)),
    }));
  }

  async instanceHeartbeat(id: string): Promise<number | null> {
    const row = await this.one(`SELECT heartbeat_at FROM ${TABLES.runtime} WHERE id = ?`, [id]);
    return row ? num(row.heartbeat_at) : null;
  }

  async counts(): Promise<Omit<CronStatus, 'instances'>> {
    const rows = await this.query(
      `SELECT status, COUNT(*) AS n FROM ${TABLES.events} GROUP BY status`,
    );
    const by = new Map(rows.map((r) => [String(r.status), num(r.n)]));
    const runs = await this.one(`SELECT COUNT(*) AS n FROM ${TABLES.runs}`);
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

  /** The database's clock, in epoch ms: what every replica compares against. */
  async databaseNow(): Promise<number> {
    const sql = {
      sqlite: `SELECT CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS now`,
      postgres: `SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint AS now`,
      mysql: `SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS UNSIGNED) AS now`,
    }[this.connection.dialect];
    const row = await this.one(sql);
    return num(row!.now);
  }
}
