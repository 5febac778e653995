import { parseDatabaseUrl } from '../../connection/database-url';
import { bundleFor } from '../../dialects';
import type { IsolatedDatabase } from '../../dialects/base/isolated-database.interface';

/** A fresh database for one test registry, derived from `url` (default: in-memory SQLite). */
export async function isolateDatabase(
  url: string | undefined,
  id: string,
  typeorm?: Record<string, unknown>,
): Promise<IsolatedDatabase> {
  const parsed = parseDatabaseUrl(url ?? 'sqlite::memory:');
  return bundleFor(parsed.dialect).isolate(parsed, id, typeorm);
}

export type { IsolatedDatabase } from '../../dialects/base/isolated-database.interface';
