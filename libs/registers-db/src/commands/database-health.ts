import { performance } from 'node:perf_hooks';
import type { DatabaseRegistry } from '../registry/database-registry';
import type { HealthReport } from './interfaces/command-results.interface';
import { describeConnectionFailure, openDatabase } from './open-database';
import { DatabaseUnreachableError } from './db-command.errors';

/** Opens the connection and times a `SELECT 1` round trip. */
export async function checkHealth(
  registry: DatabaseRegistry,
  command: string,
): Promise<HealthReport> {
  await openDatabase(registry, command);
  const connection = registry.connection;
  const started = performance.now();
  try {
    await connection.query('SELECT 1');
  } catch (error) {
    throw new DatabaseUnreachableError(
      `The ${connection.dialect} database ${connection.url} did not answer: ${describeConnectionFailure(error)}`,
      { command, registry: registry.name, dialect: connection.dialect, url: connection.url },
      { cause: error },
    );
  }
  const latencyMs = Math.round((performance.now() - started) * 100) / 100;
  return { status: 'ok', dialect: connection.dialect, latencyMs };
}
