/** An event row as the runtime works with it (numbers, not driver strings). */
export interface StoredEvent {
  id: number;
  job: string;
  source: string;
  dedupeKey: string;
  status: string;
  attempt: number;
  maxAttempts: number;
  payload: string;
  createdAt: number;
  runAfter: number;
  scheduledAt: number | null;
  leaseOwner: string | null;
  leaseToken: string | null;
  leaseUntil: number | null;
  finishedAt: number | null;
  error: string | null;
}

export const EVENT_COLUMNS =
  'id, job, source, dedupe_key, status, attempt, max_attempts, payload, created_at, run_after, scheduled_at, lease_owner, lease_token, lease_until, finished_at, error';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Driver row (snake_case; PostgreSQL returns bigint as a string) → StoredEvent. */
export function toStoredEvent(row: Record<string, unknown>): StoredEvent {
  return {
    id: num(row.id),
    job: String(row.job),
    source: String(row.source),
    dedupeKey: String(row.dedupe_key),
    status: String(row.status),
    attempt: num(row.attempt),
    maxAttempts: num(row.max_attempts),
    payload: String(row.payload),
    createdAt: num(row.created_at),
    runAfter: num(row.run_after),
    scheduledAt: numOrNull(row.scheduled_at),
    leaseOwner: strOrNull(row.lease_owner),
    leaseToken: strOrNull(row.lease_token),
    leaseUntil: numOrNull(row.lease_until),
    finishedAt: numOrNull(row.finished_at),
    error: strOrNull(row.error),
  };
}

export { num, numOrNull, strOrNull };
