import type { DriverExtras, OpenDriver, ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import { PostgresSession } from './session';

/** A pg pool; `extra` (from `typeorm.extra`) sets its size, SSL and the like. */
export function openPostgres(parsed: ParsedDatabaseUrl, extra: DriverExtras): OpenDriver {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads when a connection opens
  const { Pool } = require('pg') as typeof import('pg');
  const pool = new Pool({ connectionString: parsed.url, ...extra });
  // An idle client that dies is replaced by the pool; the next query reports any real outage.
  pool.on('error', () => undefined);
  return { session: new PostgresSession(pool), handle: pool, close: () => pool.end() };
}
