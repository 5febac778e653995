/** Thrown inside a replay transaction only to roll it back; never reaches callers. */
export const ROLLBACK_PROBE = Symbol('rollback probe');
