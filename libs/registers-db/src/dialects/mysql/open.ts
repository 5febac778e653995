import type { DriverExtras, OpenDriver, ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import { STATEMENT_CACHE_SIZE } from '../base/statement-cache';
import { MYSQL_CONNECTION_SETTINGS } from './data-source-options';
import { MysqlSession } from './session';

/** A mysql2 pool; `extra` (from `typeorm.extra`) sets its size, SSL and the like. */
export function openMysql(parsed: ParsedDatabaseUrl, extra: DriverExtras): OpenDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads when a connection opens
  const mysql = require('mysql2') as typeof import('mysql2');
  const pool = mysql.createPool({
    uri: parsed.url,
    ...MYSQL_CONNECTION_SETTINGS,
    // mysql2 keeps each connection's prepared statements in an LRU of this size.
    maxPreparedStatements: STATEMENT_CACHE_SIZE,
    // mysql2's promise API otherwise captures a stack trace for every statement, in case it
    // fails: about as costly as the rest of a one-row statement's client work. A failure
    // becomes a registry error whose stack already runs through the caller's awaits.
    trace: false,
    ...extra,
  });
  return {
    session: new MysqlSession(pool),
    handle: pool,
    close: () =>
      new Promise<void>((resolve, reject) => pool.end((e) => (e ? reject(e) : resolve()))),
  };
}
