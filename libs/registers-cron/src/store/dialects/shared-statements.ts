import type { ClaimRequest, NewEvent } from './cron-sql-dialect.interface';
import { TABLES } from '../tables/cron-tables';

export const INSERT_EVENT_COLUMNS =
  'job, source, dedupe_key, status, attempt, max_attempts, payload, created_at, run_after, scheduled_at';
export const INSERT_EVENT_VALUES = '?, ?, ?, ?, 0, ?, ?, ?, ?, ?';

export function insertEventParams(e: NewEvent): unknown[] {
  return [
    e.job,
    e.source,
    e.dedupeKey,
    e.status,
    e.maxAttempts,
    e.payload,
    e.createdAt,
    e.runAfter,
    e.scheduledAt,
  ];
}

/**
 * The due events a claim may take: pending, due, of a job that is not paused; oldest due
 * first. `limit` is an integer the runtime computed (inlined: MySQL's prepared LIMIT is finicky).
 */
export function dueEventsSelect(request: ClaimRequest): { text: string; params: unknown[] } {
  const byId = request.eventId !== undefined ? ' AND e.id = ?' : '';
  const jobs = ` AND e.job IN (${request.jobs.map(() => '?').join(', ')})`;
  const text =
    `SELECT e.id FROM ${TABLES.events} e WHERE e.status = 'pending' AND e.run_after <= ?${byId}${jobs}` +
    // NOT IN over the (few) paused names, not a join: the planner then reads the due index
    // in order and stops at the limit instead of sorting every pending event.
    ` AND e.job NOT IN (SELECT j.name FROM ${TABLES.jobs} j WHERE j.paused = ?)` +
    ` ORDER BY e.run_after, e.id LIMIT ${Math.max(1, Math.floor(request.limit))}`;
  const params: unknown[] = [request.now];
  if (request.eventId !== undefined) params.push(request.eventId);
  params.push(...request.jobs, true);
  return { text, params };
}

/**
 * The index a claim reads: pending events in due order. Created with the tables (every
 * dialect has CREATE INDEX IF NOT EXISTS).
 */
export const DUE_INDEX = `CREATE INDEX IF NOT EXISTS ${TABLES.events}_due_idx ON ${TABLES.events} (status, run_after, id)`;

/*
 * Every claim's UPDATE repeats `status = 'pending'`: the UPDATE reads the latest committed row
 * under its lock, so even if the locking SELECT hands out a row another claim just took (seen
 * on MariaDB with SKIP LOCKED over a secondary index), that row is not claimed twice.
 */
export const CLAIM_SET =
  "status = 'running', attempt = attempt + 1, lease_owner = ?, lease_token = ?, lease_until = ?";

export function claimSetParams(request: ClaimRequest): unknown[] {
  return [request.instance, request.token, request.leaseUntil];
}

export const INSERT_RUN = `INSERT INTO ${TABLES.runs} (job, event_id, attempt, status, started_at, instance) VALUES (?, ?, ?, ?, ?, ?)`;
