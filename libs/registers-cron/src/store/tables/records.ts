import type { EventRecord, RunRecord } from '../../interfaces/records.interface';
import { num, numOrNull, strOrNull, type StoredEvent } from './stored-event';

/*
 * Rows as the console and the API show them: instants as ISO 8601 strings, payloads and
 * results parsed back from JSON.
 */

export const iso = (ms: number) => new Date(ms).toISOString();
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

export const RUN_COLUMNS =
  'id, job, event_id, attempt, status, started_at, finished_at, duration_ms, result, error, instance';

/** A `RUN_COLUMNS` row → RunRecord. */
export function toRunRecord(row: Record<string, unknown>): RunRecord {
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
