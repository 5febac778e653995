import { rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import type { IsolatedDatabase } from '../base/isolated-database.interface';

/**
 * SQLite: `:memory:` is private to its connection already; a file URL becomes a fresh file
 * beside it (`app.<id>.db`), removed with its WAL side files.
 */
export async function isolateSqlite(
  parsed: ParsedDatabaseUrl,
  id: string,
): Promise<IsolatedDatabase> {
  const { file } = parsed;
  if (file === undefined || file === ':memory:') {
    return { url: 'sqlite::memory:', tearDown: async () => undefined };
  }
  const ext = extname(file) || '.db';
  const fresh = join(dirname(file), `${basename(file, extname(file))}.${id}${ext}`);
  return {
    url: `sqlite:${fresh}`,
    tearDown: async (connection) => {
      await connection.close();
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        rmSync(`${fresh}${suffix}`, { force: true });
    },
  };
}
