import type { ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import type { StatementExecutor } from '../base/driver-session.interface';

export type MysqlFlavor = 'mysql' | 'mariadb';

/**
 * TypeORM reads the catalog differently for MariaDB and MySQL, and both answer `mysql://`
 * URLs. A `mariadb://` URL says which; otherwise the server is asked.
 */
export async function detectMysqlFlavor(
  parsed: ParsedDatabaseUrl,
  executor: StatementExecutor,
): Promise<MysqlFlavor> {
  if (parsed.flavor) return parsed.flavor;
  const [row] = await executor.query('SELECT VERSION() AS version', []);
  return /mariadb/i.test(String(row?.version ?? '')) ? 'mariadb' : 'mysql';
}
