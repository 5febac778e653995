import { DatabaseConnection } from '../../connection/database-connection';
import type { IsolatedDatabase } from './isolated-database.interface';

/** MySQL / MariaDB: a database of its own on the same server, created before the registry connects. */
export async function isolateMysql(url: string, database: string): Promise<IsolatedDatabase> {
  const admin = new DatabaseConnection({ url, name: `${database}_admin` });
  try {
    await admin.execute(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.close();
  }
  const target = new URL(url);
  target.pathname = `/${database}`;
  return {
    url: target.toString(),
    tearDown: async (connection) => {
      await connection.execute(`DROP DATABASE IF EXISTS \`${database}\``);
    },
  };
}
