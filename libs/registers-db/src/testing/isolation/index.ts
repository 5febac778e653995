import { parseDatabaseUrl } from '../../connection/database-url';
import type { IsolatedDatabase } from './isolated-database.interface';
import { isolateMysql } from './mysql.isolation';
import { isolatePostgres } from './postgres.isolation';
import { isolateSqlite } from './sqlite.isolation';

/** A fresh database for one test registry, derived from `url` (default: in-memory SQLite). */
export async function isolateDatabase(
  url: string | undefined,
  id: string,
  typeorm?: Record<string, unknown>,
): Promise<IsolatedDatabase> {
  if (url === undefined) return isolateSqlite(undefined, id);
  const parsed = parseDatabaseUrl(url);
  if (parsed.dialect === 'sqlite') return isolateSqlite(parsed.file, id);
  if (parsed.dialect === 'postgres') return isolatePostgres(parsed.url, id, typeorm);
  return isolateMysql(parsed.url, id);
}

export type { IsolatedDatabase } from './isolated-database.interface';
