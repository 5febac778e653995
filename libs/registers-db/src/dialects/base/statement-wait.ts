/**
 * How long a failed statement waited before the database gave up on it, noted by the driver
 * sessions where the statement ran (the error object is the driver's, so the note is kept
 * beside it instead of on it). DatabaseBusyError reports it as `context.waitedMs`.
 */
const waits = new WeakMap<object, number>();

/** Notes that `error` ended a statement which started at `startedAt` (performance.now()). */
export function noteWaitSince(error: unknown, startedAt: number): void {
  noteWait(error, performance.now() - startedAt);
}

/** Notes that `error` ended a statement after `waitedMs`. */
export function noteWait(error: unknown, waitedMs: number): void {
  if (error !== null && typeof error === 'object' && !waits.has(error))
    waits.set(error, Math.max(0, Math.round(waitedMs)));
}

/** The wait noted for `error` in whole milliseconds, or undefined when none was noted. */
export function waitedMsOf(error: unknown): number | undefined {
  return error !== null && typeof error === 'object' ? waits.get(error) : undefined;
}
