import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ParsedDatabaseUrl } from '../database-url';
import type { DriverSession } from '../statement-executor.interface';
import { MysqlSession } from './mysql.session';
import { PostgresSession } from './postgres.session';
import { SqliteSession } from './sqlite.session';

/** SQLite waits this long for another process's write lock before "database is locked". */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * An open driver: the session statements run through, and the native handle (better-sqlite3
 * database, pg pool, mysql2 pool) that a TypeORM DataSource adopts when one is needed.
 */
export interface OpenDriver {
  session: DriverSession;
  handle: unknown;
  close(): Promise<void>;
}

/** Driver options a user may pass through `typeorm.extra` (pool sizes, SSL, …). */
type DriverExtras = Record<string, unknown> | undefined;

/* eslint-disable @typescript-eslint/no-require-imports -- drivers load only when a connection opens */
export function openDriver(parsed: ParsedDatabaseUrl, extra: DriverExtras): OpenDriver {
  if (parsed.dialect === 'sqlite') {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const file = parsed.file ?? ':memory:';
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
    db.pragma('foreign_keys = ON');
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    return { session: new SqliteSession(db), handle: db, close: async () => void db.close() };
  }
  if (parsed.dialect === 'postgres') {
    const { Pool } = require('pg') as typeof import('pg');
    const pool = new Pool({ connectionString: parsed.url, ...extra });
    // An idle client that dies is replaced by the pool; the next query reports any real outage.
    pool.on('error', () => undefined);
    return { session: new PostgresSession(pool), handle: pool, close: () => pool.end() };
  }
  const mysql = require('mysql2') as typeof import('mysql2');
  const pool = mysql.createPool({
    uri: parsed.url,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    ...extra,
  });
  return {
    session: new MysqlSession(pool),
    handle: pool,
    close: () =>
      new Promise<void>((resolve, reject) => pool.end((e) => (e ? reject(e) : resolve()))),
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */
