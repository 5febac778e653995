import type { DatabaseConnection } from '@registers/db';
import type { StoredEvent } from '../tables/stored-event';

export interface NewEvent {
  job: string;
  source: string;
  dedupeKey: string;
  status: 'pending' | 'skipped';
  maxAttempts: number;
  payload: string;
  createdAt: number;
  runAfter: number;
  scheduledAt: number | null;
}

/** A successful attempt: its event ends `succeeded` and its run row with it, if the claim still holds. */
export interface SucceededRun {
  eventId: number;
  token: string;
  runId: number;
  finishedAt: number;
  durationMs: number;
  result: string | null;
}

/** An attempt's end as its worker saw it; SucceededRun once its run row's id is known. */
export type AttemptEnd = Omit<SucceededRun, 'runId'>;

/**
 * A run row to insert (`INSERT_RUN` parameters). `finish`: the attempt already succeeded
 * before the row was written, so it is written ended, with its event, in the same statement.
 */
export interface RunStartRow {
  params: unknown[];
  finish?: AttemptEnd;
}

/** What a round of bookkeeping applied: see CronSqlDialect.writeRuns. */
export interface WrittenRuns {
  /** Per completion: the claim still held, so the event and its run row ended. */
  applied: boolean[];
  /** Per start: the new run row's id. */
  ids: number[];
  /** Per start: its `finish` applied (false without one). */
  finished: boolean[];
}

export interface ClaimRequest {
  instance: string;
  /** Fencing token of this claim; every event claimed by it carries the token. */
  token: string;
  now: number;
  leaseUntil: number;
  limit: number;
  /** Only events of these jobs (the ones this process declares). */
  jobs: string[];
  /** Claim this event only (a `cron run` in this process). */
  eventId?: number;
}

/**
 * The statements whose SQL differs per database: inserting an event unless its
 * (job, dedupe key) exists, and claiming due events so that two workers never get the
 * same one. Everything else in the store is portable SQL with `?` placeholders.
 */
export interface CronSqlDialect {
  /** A deadlock, lock wait timeout or busy database: the statement was rolled back and may run again. */
  isTransient(error: unknown): boolean;
  /** `?` placeholders as the driver wants them. */
  sql(text: string): string;
  /** `SELECT … AS now`: the database's clock in epoch milliseconds. */
  databaseNow: string;
  /** Inserts unless (job, dedupe_key) exists; the new id, or undefined when it existed. */
  insertEvent(connection: DatabaseConnection, event: NewEvent): Promise<number | undefined>;
  claim(connection: DatabaseConnection, request: ClaimRequest): Promise<StoredEvent[]>;
  /** Inserts a run row (`INSERT_RUN` parameters) and returns its id. */
  insertRun(connection: DatabaseConnection, params: unknown[]): Promise<number>;
  /** Inserts many events in one statement; new ids in input order (undefined where the dedupe key existed). */
  insertEvents?(
    connection: DatabaseConnection,
    events: NewEvent[],
  ): Promise<Array<number | undefined>>;
  /**
   * A round of bookkeeping in one statement: successful attempts end and new run rows
   * start, those with a `finish` already ended. Without it the store runs the rows one by
   * one in one transaction.
   */
  writeRuns?(
    connection: DatabaseConnection,
    completions: SucceededRun[],
    starts: RunStartRow[],
  ): Promise<WrittenRuns>;
  /**
   * Calls `onEvent` when another process inserts an event, where the database can say so
   * (PostgreSQL LISTEN/NOTIFY). Resolves to a function that stops listening. Without it,
   * workers of other processes find new events by polling.
   */
  listen?(connection: DatabaseConnection, onEvent: () => void): Promise<() => Promise<void>>;
}
