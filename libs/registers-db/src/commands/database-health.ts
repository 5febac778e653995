import type { DatabaseRegistry } from '../registry/database-registry';
import { roundTrip } from '../registry/database-health';
import type { HealthReport } from './interfaces/command-results.interface';
import { describeConnectionFailure, openDatabase } from './open-database';
import { DatabaseUnreachableError } from './db-command.errors';

/** Opens the connection and times the registry's health round trip (no time limit). */
export async function checkHealth(
  registry: DatabaseRegistry,
  command: string,
): Promise<HealthReport> {
  await openDatabase(registry, command);
  const connection = registry.connection;
  let latencyMs: number;
  try {
    latencyMs = await roundTrip(connection);
  } catch (error) {
    throw new DatabaseUnreachableError(
      `The ${connection.dialect} database ${connection.url} did not answer: ${describeConnectionFailure(error)}`,
      { command, registry: registry.name, dialect: connection.dialect, url: connection.url },
      { cause: error },
    );
  }
  return { status: 'ok', dialect: connection.dialect, latencyMs };
}
