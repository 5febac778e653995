/**
 * The fire instants of a cron or interval trigger. Instants are milliseconds since the Unix
 * epoch (UTC); every replica computes the same ones, which is what makes (job, instant) a
 * key that deduplicates fires across processes.
 */
export interface FireSchedule {
  /** Fires `t` with `fromExclusive < t <= toInclusive`, ascending; at most `limit` (default 1000), the earliest ones. */
  firesBetween(fromExclusive: number, toInclusive: number, limit?: number): number[];
  /** The first fire strictly after `after`, or null when the schedule never fires again. */
  nextAfter(after: number): number | null;
  /** The latest fire at or before `at`, or null when there is none. */
  latestAtOrBefore(at: number): number | null;
}

/** One line of `explain`: a coming fire, in UTC and in the job's zone, with a DST note when it applies. */
export interface ExplainedFire {
  /** ISO 8601 UTC. */
  at: string;
  /** Local wall time in the job's zone, `YYYY-MM-DD HH:mm:ss` plus the UTC offset (`-05:00`). */
  local: string;
  /** e.g. `DST gap: 02:30 does not exist on 2026-03-08; runs at 03:00` or `DST overlap: runs once, at the first 01:30`. */
  note?: string;
}
