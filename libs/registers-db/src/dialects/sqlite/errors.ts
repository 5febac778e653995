import type { IntegrityViolation } from '../base/dialect.interface';
import type { DriverFailure } from '../base/driver-failure';

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

/**
 * A busy database or a refused value in a better-sqlite3 error. SQLITE_BUSY (and its
 * extended codes) means another connection held the lock past the busy timeout;
 * SQLITE_LOCKED a table locked within this database; SQLITE_TOOBIG a string or blob over
 * SQLite's size limit. SQLite stores any other value as given, so it has no range errors.
 */
export function classifySqliteFailure(error: any): DriverFailure | undefined {
  const code: unknown = error?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_'))
    return { kind: 'busy', reason: 'busy' };
  if (code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED_'))
    return { kind: 'busy', reason: 'locked' };
  if (code === 'SQLITE_TOOBIG') return { kind: 'value', problem: 'too-big' };
  return undefined;
}

/**
 * Whether SQLite called its busy handler before returning this error, so that the
 * statement waited the whole busy timeout. SQLITE_BUSY_SNAPSHOT (a stale read snapshot
 * that cannot become a write) and SQLITE_LOCKED fail at once.
 */
export function waitedForBusyTimeout(error: any): boolean {
  const code: unknown = error?.code;
  return (
    code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_TIMEOUT' || code === 'SQLITE_BUSY_RECOVERY'
  );
}
