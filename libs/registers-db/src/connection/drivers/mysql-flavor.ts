import type { ParsedDatabaseUrl } from '../database-url';

export type MysqlFlavor = 'mysql' | 'mariadb';

/**
 * TypeORM reads the catalog differently for MariaDB and MySQL, and both answer `mysql://`
 * URLs. A `mariadb://` URL says which; otherwise one short connection asks the server.
 */
export async function detectMysqlFlavor(parsed: ParsedDatabaseUrl): Promise<MysqlFlavor> {
  if (parsed.flavor) return parsed.flavor;
  const mysql = await import('mysql2/promise');
  const probe = await mysql.createConnection(parsed.url);
  try {
    const [rows] = await probe.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: unknown }>)[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await probe.end();
  }
}
