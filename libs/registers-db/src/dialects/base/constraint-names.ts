import { createHash } from 'node:crypto';
import { MAX_IDENTIFIER_LENGTH } from '../../metadata/naming';

export type ConstraintKind = 'key' | 'idx' | 'fkey' | 'check';

/**
 * Deterministic constraint/index names (`users_email_key`, `posts_author_id_fkey`), shortened
 * with a hash suffix to fit PostgreSQL's and MySQL's identifier limits.
 */
export function constraintName(table: string, columns: string[], kind: ConstraintKind): string {
  const full = `${table}_${columns.join('_')}_${kind}`;
  if (full.length <= MAX_IDENTIFIER_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_IDENTIFIER_LENGTH - hash.length - kind.length - 2)}_${hash}_${kind}`;
}
