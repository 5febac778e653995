import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigurationError } from '../../errors';
import { configurationMessages } from '../../errors/messages';
import type { DriverExtras, OpenDriver, ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import { SqliteSession } from './session';

/**
 * SQLite waits this long for another connection's write lock before "database is locked"
 * (DatabaseBusyError); `typeorm: { extra: { timeout } }` sets another wait, in ms.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

function busyTimeoutOf(extra: DriverExtras): number {
  const timeout = extra?.timeout;
  return typeof timeout === 'number' && Number.isInteger(timeout) && timeout >= 0
    ? timeout
    : SQLITE_BUSY_TIMEOUT_MS;
}

/**
 * Creates the missing folders above `file`, one level at a time. Not `mkdirSync(…, {
 * recursive: true })`: on Node 20 that never returns where a level cannot be made (a path
 * under /proc spins forever); one level at a time fails at once, naming the folder.
 */
function createFolderOf(file: string): void {
  const missing: string[] = [];
  for (let folder = resolve(dirname(file)); !existsSync(folder); folder = dirname(folder)) {
    missing.unshift(folder);
    if (dirname(folder) === folder) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      const code = String((error as NodeJS.ErrnoException)?.code ?? 'error');
      if (code === 'EEXIST') continue; // made by another process meanwhile
      throw new ConfigurationError(
        configurationMessages.sqliteFolder(folder, file, code),
        { folder, file },
        { cause: error },
      );
    }
  }
}

/** better-sqlite3 on the file (WAL, foreign keys on), or a private in-memory database. */
export function openSqlite(parsed: ParsedDatabaseUrl, extra?: DriverExtras): OpenDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads when a connection opens
  const Database = require('better-sqlite3') as typeof import('better-sqlite3');
  const file = parsed.file ?? ':memory:';
  if (file !== ':memory:') createFolderOf(file);
  const busyTimeoutMs = busyTimeoutOf(extra);
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma('foreign_keys = ON');
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return {
    session: new SqliteSession(db, busyTimeoutMs),
    handle: db,
    close: async () => void db.close(),
  };
}
