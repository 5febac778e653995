import type { RegistryError } from '../../errors';
import {
  integrityError,
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
  if (!violation) return undefined;
  // A parent delete names the parent's key; the child's fields are not on this model.
  if (
    violation.kind === 'foreign-key' &&
    /still referenced/.test(String((error as any).detail ?? ''))
  ) {
    violation.columns = [];
  }
  return integrityError(violation, context);
}
