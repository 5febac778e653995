import type { IntegrityViolation } from '../base/dialect.interface';

/** "UNIQUE constraint failed: users.org, users.slug" → ['org', 'slug'] */
function columnsFromMessage(message: string): string[] {
  const at = message.indexOf(': ');
  if (at < 0) return [];
  return message
    .slice(at + 2)
    .split(',')
    .map((part) => part.trim().split('.').pop()!)
    .filter(Boolean);
}

/** The integrity violation a better-sqlite3 error stands for, if it is one (names only, no values). */
export function classifySqliteError(error: any): IntegrityViolation | undefined {
  const code: unknown = error?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return undefined;
  const message = String(error.message ?? '');
  switch (code) {
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
    case 'SQLITE_CONSTRAINT_UNIQUE':
      return { kind: 'unique', columns: columnsFromMessage(message) };
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return { kind: 'foreign-key' };
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return { kind: 'not-null', columns: columnsFromMessage(message) };
    default:
      return undefined;
  }
}
