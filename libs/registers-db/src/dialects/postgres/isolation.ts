import type { ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import type { IsolatedDatabase } from '../base/isolated-database.interface';

/**
 * PostgreSQL: a schema of its own in the given database. Every pooled connection of the
 * registry starts with `search_path` set to it, so unqualified tables land there.
 */
export async function isolatePostgres(
  { url }: ParsedDatabaseUrl,
  schema: string,
  typeorm: Record<string, unknown> = {},
): Promise<IsolatedDatabase> {
  const extra = (typeorm.extra as Record<string, unknown> | undefined) ?? {};
  const quoted = `"${schema}"`;
  return {
    url,
    typeorm: { extra: { ...extra, options: `-c search_path=${schema}` } },
    setUp: async (connection) => {
      await connection.execute(`CREATE SCHEMA ${quoted}`);
    },
    tearDown: async (connection) => {
      await connection.execute(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
    },
  };
}
