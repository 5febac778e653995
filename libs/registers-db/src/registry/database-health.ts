import { performance } from 'node:perf_hooks';
import type { DatabaseConnection } from '../connection/database-connection';

/** What `registry.health()` reports. The URL in `database` has its password masked. */
export interface DatabaseHealth {
  ok: boolean;
  dialect: string;
  database: string;
  /** The driver's message when the database did not answer. */
  error?: string;
}

/**
 * Times one trivial query round trip (milliseconds, two decimals). Rejects with the driver's
 * error, or after `timeoutMs` when given.
 */
export async function roundTrip(
  connection: DatabaseConnection,
  timeoutMs?: number,
): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const answer = connection.query('SELECT 1 AS ok');
  try {
    if (timeoutMs === undefined) await answer;
    else {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        timer.unref?.();
      });
      await Promise.race([answer, timeout]);
    }
  } finally {
    clearTimeout(timer);
  }
  return Math.round((performance.now() - started) * 100) / 100;
}

/** Whether the database answers within `timeoutMs` (default 5000). Never rejects. */
export async function databaseHealth(
  connection: DatabaseConnection,
  options: { timeoutMs?: number } = {},
): Promise<DatabaseHealth> {
  const base = { dialect: connection.dialect, database: connection.url };
  try {
    await roundTrip(connection, options.timeoutMs ?? 5000);
    return { ok: true, ...base };
  } catch (error) {
    return { ok: false, ...base, error: String((error as Error)?.message ?? error) };
  }
}
