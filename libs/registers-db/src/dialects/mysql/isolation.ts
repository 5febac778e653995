import type { ParsedDatabaseUrl } from '../base/dialect-bundle.interface';
import type { IsolatedDatabase } from '../base/isolated-database.interface';
import { openMysql } from './open';

/** MySQL / MariaDB: a database of its own on the same server, created before the registry connects. */
export async function isolateMysql(
  parsed: ParsedDatabaseUrl,
  database: string,
): Promise<IsolatedDatabase> {
  const admin = openMysql(parsed, undefined);
  try {
    await admin.session.execute(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      [],
    );
  } finally {
    await admin.close();
  }
  const target = new URL(parsed.url);
  target.pathname = `/${database}`;
  return {
    url: target.toString(),
    tearDown: async (connection) => {
      await connection.execute(`DROP DATABASE IF EXISTS \`${database}\``);
    },
  };
}
