import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { OpenDriver, ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import { SqliteSession } from './session';

/** SQLite waits this long for another process's write lock before "database is locked". */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** better-sqlite3 on the file (WAL, foreign keys on), or a private in-memory database. */
export function openSqlite(parsed: ParsedDatabaseUrl): OpenDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads when a connection opens
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const file = parsed.file ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  db.pragma('foreign_keys = ON');
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return { session: new SqliteSession(db), handle: db, close: async () => void db.close() };
}
