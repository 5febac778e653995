import type { DatabaseConnection, DatabaseRegistry } from '@registers/db';
import type { CronStatus, InstanceRecord, RunRecord } from '../interfaces/records.interface';
import type {
  AttemptEnd,
  ClaimRequest,
  CronSqlDialect,
  NewEvent,
  SucceededRun,
} from './dialects/cron-sql-dialect.interface';
import { cronSqlFor } from './dialects';
import { EventRows } from './event-rows';
import { InstanceRows } from './instance-rows';
import { JobRows } from './job-rows';
import { LeaseRows } from './lease-rows';
import { RunHistory, type RunEnd, type RunFilter } from './run-history';
import { FINISH_EVENT, RunWrites, type RunStart } from './run-writes';
import { StatementRunner } from './statement-runner';
import { CRON_TABLE_MODELS, TABLES } from './tables/cron-tables';
import type { StoredEvent } from './tables/stored-event';

export interface FinishedEvent {
  status: 'succeeded' | 'failed' | 'dead_letter' | 'skipped';
  finishedAt: number;
  error: string | null;
}

/**
 * Every statement of the cron runtime, over the `@registers/db` connection. Writes of a
 * claimed event name its fencing token and report whether they applied: zero rows means
 * the claim was lost (expired and taken by another worker) and the caller must stop.
 *
 * The life of a claimed event (claim, lease, run rows, outcome) is written here directly:
 * it is the hot path. The rest is delegated to one part per table: jobs (schedule
 * bookkeeping), events (lookups, reaper, retry), runs (history), leases and instances.
 */
export class CronStore {
  readonly connection: DatabaseConnection;
  private readonly dialect: CronSqlDialect;
  private readonly statements: StatementRunner;
  private readonly runWrites: RunWrites;
  private readonly jobRows: JobRows;
  private readonly eventRows: EventRows;
  private readonly runHistory: RunHistory;
  private readonly leaseRows: LeaseRows;
  private readonly instanceRows: InstanceRows;

  /** `registry`: where the cron tables are registered; its managers serve the workflows table. */
  constructor(readonly registry: DatabaseRegistry) {
    registry.register(...CRON_TABLE_MODELS);
    this.connection = registry.connection;
    this.dialect = cronSqlFor(this.connection.dialect);
    const statements = new StatementRunner(registry, this.connection, this.dialect);
    this.statements = statements;
    this.runWrites = new RunWrites(this.connection, this.dialect, (work) =>
      statements.retrying(work),
    );
    this.jobRows = new JobRows(statements);
    this.eventRows = new EventRows(statements);
    this.runHistory = new RunHistory(statements);
    this.leaseRows = new LeaseRows(statements);
    this.instanceRows = new InstanceRows(statements);
  }

  /** Opens the database and creates the cron tables when missing (safe when several processes race). */
  ensureReady(): Promise<void> {
    return this.statements.ensureReady();
  }

  /** Calls `onEvent` when any process inserts an event (PostgreSQL); a no-op elsewhere. */
  async listen(onEvent: () => void): Promise<() => Promise<void>> {
    if (!this.dialect.listen) return async () => undefined;
    await this.ensureReady();
    return this.dialect.listen(this.connection, onEvent);
  }

  // ---- the life of a claimed event (hot path) --------------------------------------

  insertEvent(event: NewEvent): Promise<number | undefined> {
    return this.statements.retrying(() => this.dialect.insertEvent(this.connection, event));
  }

  /** Inserts many events in one transaction (one commit); ids in input order, undefined for an existing dedupe key. */
  insertEvents(events: NewEvent[]): Promise<Array<number | undefined>> {
    const { dialect, connection } = this;
    if (dialect.insertEvents)
      return this.statements.retrying(() => dialect.insertEvents!(connection, events));
    return this.statements.retrying(() =>
      connection.transaction(async () => {
        const ids: Array<number | undefined> = [];
        for (const event of events) ids.push(await dialect.insertEvent(connection, event));
        return ids;
      }),
    );
  }

  /** A claim that lost a deadlock was rolled back whole, so it is simply tried again. */
  claim(request: ClaimRequest): Promise<StoredEvent[]> {
    return this.statements.retrying(() => this.dialect.claim(this.connection, request));
  }

  async extendLease(id: number, token: string, leaseUntil: number): Promise<boolean> {
    return (
      (await this.statements.execute(
        `UPDATE ${TABLES.events} SET lease_until = ? WHERE id = ? AND lease_token = ? AND status = 'running'`,
        [leaseUntil, id, token],
      )) > 0
    );
  }

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
   * Queues the run row of an attempt that starts now; `finishRun` ends it. A quick attempt
   * is written once, already ended.
   */
  beginRun(e: StoredEvent, instance: string, startedAt: number): RunStart {
    return this.runWrites.begin([e.job, e.id, e.attempt, 'running', startedAt, instance]);
  }

  /**
   * Ends the successful attempt `start` began, like completeSucceeded: false `applied` when
   * the claim was lost, the run row is then left to the caller.
   */
  finishRun(start: RunStart, end: AttemptEnd): Promise<{ runId: number; applied: boolean }> {
    return this.runWrites.finish(start, end);
  }

  /**
   * Ends a successful attempt: the event `succeeded` (if its claim still holds) and its run
   * row with it, in one commit shared with the other workers finishing at the same time.
   * False when the claim was lost; the run row is then left to the caller.
   */
  completeSucceeded(item: SucceededRun): Promise<boolean> {
    return this.runWrites.complete(item);
  }

  /** Ends a claimed event for good. False when the claim was lost. */
  async finishEvent(id: number, token: string, end: FinishedEvent): Promise<boolean> {
    return (
      (await this.statements.execute(FINISH_EVENT, [
        end.status,
        end.finishedAt,
        end.error,
        id,
        token,
      ])) > 0
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
      (await this.statements.execute(
        `UPDATE ${TABLES.events} SET status = 'pending', run_after = ?, error = ?, lease_owner = NULL, lease_token = NULL, lease_until = NULL${undoAttempt ? ', attempt = attempt - 1' : ''} WHERE id = ? AND lease_token = ? AND status = 'running'`,
        [runAfter, error, id, token],
      )) > 0
    );
  }

  /** Ends a run row that is still `running` (a run already ended by the reaper stays as it is). */
  endRun(runId: number, end: RunEnd): Promise<void> {
    return this.runHistory.end(runId, end);
  }

  // ---- jobs: schedule bookkeeping (JobRows) ------------------------------------------

  /** Records a declared job (kind and spec), keeping its paused flag and high-water mark. */
  syncJob(name: string, kind: string, spec: string, now: number): Promise<void> {
    return this.jobRows.sync(name, kind, spec, now);
  }

  jobState(name: string): Promise<{ paused: boolean; lastFireAt: number | null } | undefined> {
    return this.jobRows.state(name);
  }

  pausedJobs(): Promise<Set<string>> {
    return this.jobRows.paused();
  }

  setPaused(name: string, paused: boolean, now: number): Promise<void> {
    return this.jobRows.setPaused(name, paused, now);
  }

  /** Moves the high-water mark forward only (never back), so catch-up stays exact with many schedulers. */
  advanceHighWater(name: string, fireAt: number): Promise<void> {
    return this.jobRows.advanceHighWater(name, fireAt);
  }

  // ---- events beside the claim (EventRows) -------------------------------------------

  eventByKey(job: string, dedupeKey: string): Promise<StoredEvent | undefined> {
    return this.eventRows.byKey(job, dedupeKey);
  }

  event(id: number): Promise<StoredEvent | undefined> {
    return this.eventRows.byId(id);
  }

  events(where: { job?: string; status?: string }, limit: number): Promise<StoredEvent[]> {
    return this.eventRows.list(where, limit);
  }

  /** Events of `job` other than `exceptId` that are waiting (pending) or running. */
  activeEvents(job: string, exceptId: number): Promise<Array<{ id: number; status: string }>> {
    return this.eventRows.active(job, exceptId);
  }

  /** Claims whose lease ran out: their worker died or stalled. */
  expiredClaims(now: number, limit = 100): Promise<StoredEvent[]> {
    return this.eventRows.expiredClaims(now, limit);
  }

  /** A failed or dead-lettered event back to pending, with a fresh set of attempts. */
  resetForRetry(id: number, now: number): Promise<boolean> {
    return this.eventRows.resetForRetry(id, now);
  }

  counts(): Promise<Omit<CronStatus, 'instances'>> {
    return this.eventRows.counts();
  }

  // ---- run history (RunHistory) ------------------------------------------------------

  /** The lost attempt's run row of an expired claim ends `failed`. */
  failLostRun(eventId: number, attempt: number, finishedAt: number, error: string): Promise<void> {
    return this.runHistory.failLost(eventId, attempt, finishedAt, error);
  }

  run(id: number): Promise<RunRecord | undefined> {
    return this.runHistory.byId(id);
  }

  runs(where: RunFilter, limit: number): Promise<RunRecord[]> {
    return this.runHistory.list(where, limit);
  }

  // ---- leases and instances (LeaseRows, InstanceRows) --------------------------------

  /**
   * Takes or renews the lease `name` for `holder` until `until`: true when `holder` has it.
   * A lease changes hands only once it has run out, so at most one holder at a time.
   */
  acquireLease(name: string, holder: string, now: number, until: number): Promise<boolean> {
    return this.leaseRows.acquire(name, holder, now, until);
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return this.leaseRows.release(name, holder);
  }

  heartbeat(
    instance: Omit<InstanceRecord, 'startedAt' | 'heartbeatAt'>,
    startedAt: number,
    now: number,
  ): Promise<void> {
    return this.instanceRows.heartbeat(instance, startedAt, now);
  }

  removeInstance(id: string): Promise<void> {
    return this.instanceRows.remove(id);
  }

  dropDeadInstances(before: number): Promise<void> {
    return this.instanceRows.dropDead(before);
  }

  instances(aliveAfter: number): Promise<InstanceRecord[]> {
    return this.instanceRows.alive(aliveAfter);
  }

  instanceHeartbeat(id: string): Promise<number | null> {
    return this.instanceRows.lastHeartbeat(id);
  }

  /** The database's clock, in epoch ms: what every replica compares against. */
  databaseNow(): Promise<number> {
    return this.instanceRows.databaseNow();
  }
}
