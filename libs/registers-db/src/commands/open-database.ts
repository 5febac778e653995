import { redactDatabaseUrl } from '../connection/database-url';
import type { DatabaseRegistry } from '../registry/database-registry';
import { DatabaseUnreachableError } from './db-command.errors';

/** The driver's reason, without anything that looks like a URL with a password. */
export function describeConnectionFailure(error: unknown): string {
  const err = error as { message?: unknown; code?: unknown; errors?: unknown } | undefined;
  let reason = typeof err?.message === 'string' ? err.message : '';
  // Node reports a refused connection to several addresses as an AggregateError without a message.
  if (!reason && Array.isArray(err?.errors)) {
    reason = err.errors
      .map((e: { message?: unknown }) => (typeof e?.message === 'string' ? e.message : ''))
      .filter(Boolean)
      .join('; ');
  }
  if (!reason && typeof err?.code === 'string') reason = err.code;
  return redactDatabaseUrl(reason || String(error));
}

/**
 * Opens the registry's connection (a no-op when it is open). A failure becomes a
 * DatabaseUnreachableError naming the redacted URL, so every `db …` command reports an
 * unreachable database the same way; an unusable URL stays its ConfigurationError.
 */
export async function openDatabase(registry: DatabaseRegistry, command: string): Promise<void> {
  const connection = registry.connection;
  if (connection.isOpen) return;
  try {
    await connection.open();
  } catch (error) {
    // An unusable URL is a configuration mistake, not an unreachable server: its own message.
    if (error === connection.urlError) throw error;
    throw new DatabaseUnreachableError(
      `Could not open the ${connection.dialect} database ${connection.url}: ${describeConnectionFailure(error)}`,
      { command, registry: registry.name, dialect: connection.dialect, url: connection.url },
      { cause: error },
    );
  }
}
