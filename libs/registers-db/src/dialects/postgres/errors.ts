import type { RegistryError } from '../../errors';
import type { DriverFailure, ValueProblem } from '../base/driver-failure';
import {
  integrityError,
  modelFailureError,
  type ErrorNormalizationContext,
  type IntegrityViolation,
} from '../base/dialect.interface';

/** `Key (org, slug)=(…) already exists.` → ['org', 'slug']; the values are dropped. */
function columnsFromDetail(detail: unknown): string[] {
  const match = /^Key \((.+?)\)=/.exec(String(detail ?? ''));
  if (!match) return [];
  return match[1].split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** The integrity violation a pg error stands for, if it is one (names only, no values). */
export function classifyPostgresError(error: any): IntegrityViolation | undefined {
  const constraint: string | undefined = error?.constraint || undefined;
  switch (error?.code) {
    case '23505':
      return { kind: 'unique', columns: columnsFromDetail(error.detail), constraint };
    case '23503':
      return { kind: 'foreign-key', columns: columnsFromDetail(error.detail), constraint };
    case '23502':
      return { kind: 'not-null', columns: error.column ? [error.column] : [] };
    default:
      return undefined;
  }
}

/** Like every dialect, plus: a parent delete names the parent's key, not this model's fields. */
export async function normalizePostgresError(
  error: unknown,
  context: ErrorNormalizationContext,
): Promise<RegistryError | undefined> {
  const violation = classifyPostgresError(error);
  if (!violation) {
    const failure = classifyPostgresFailure(error);
    return failure ? modelFailureError(failure, error, context) : undefined;
  }
  // A parent delete names the parent's key; the child's fields are not on this model.
  if (
    violation.kind === 'foreign-key' &&
    /still referenced/.test(String((error as any).detail ?? ''))
  ) {
    violation.columns = [];
  }
  return integrityError(violation, context);
}

/** SQLSTATE codes of values PostgreSQL refused (class 22, data exception). */
const VALUE_PROBLEMS: Record<string, ValueProblem> = {
  '22003': 'out-of-range', // numeric_value_out_of_range
  '22001': 'too-long', // string_data_right_truncation
  '22021': 'invalid-text', // character_not_in_repertoire (e.g. a NUL character)
  '22P05': 'invalid-text', // untranslatable_character
  '22P02': 'invalid-value', // invalid_text_representation (e.g. 'abc' for an integer)
  '22007': 'invalid-datetime', // invalid_datetime_format
  '22008': 'invalid-datetime', // datetime_field_overflow
};

/**
 * A lock wait or refused value in a pg error. 55P03 lock_not_available (`lock_timeout`,
 * NOWAIT) and 40P01 deadlock_detected are busy; 57014 query_canceled is busy only when
 * `statement_timeout` cancelled it (a cancel by request is no wait, so it stays a
 * DatabaseError). pg errors name no column for class 22, so the field is not known.
 */
export function classifyPostgresFailure(error: any): DriverFailure | undefined {
  const code: unknown = error?.code;
  if (typeof code !== 'string') return undefined;
  if (code === '55P03') return { kind: 'busy', reason: 'lock-timeout' };
  if (code === '40P01') return { kind: 'busy', reason: 'deadlock' };
  if (code === '57014' && /statement timeout/.test(String(error.message ?? '')))
    return { kind: 'busy', reason: 'statement-timeout' };
  const problem = VALUE_PROBLEMS[code];
  return problem ? { kind: 'value', problem, column: error.column || undefined } : undefined;
}
