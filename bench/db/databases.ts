/** A fresh, empty database per dialect for one bench run, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BenchDialect = 'sqlite' | 'postgres' | 'mariadb';
export const BENCH_DIALECTS: BenchDialect[] = ['sqlite', 'postgres', 'mariadb'];

const SERVER_URLS = {
  postgres:
    process.env.REGISTERS_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  mariadb: process.env.REGISTERS_BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/mysql',
};

export interface FreshDatabase {
  dialect: BenchDialect;
  /** Registers-style URL (`sqlite:/path`, `postgres://…`, `mysql://…`). */
  url: string;
  /** For SQLite: the file path. */
  file?: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createFreshDatabase(dialect: BenchDialect): Promise<FreshDatabase> {
  const name = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'registers-bench-'));
    const file = join(dir, 'bench.db');
    return {
      dialect,
      url: `sqlite:${file}`,
      file,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (dialect === 'postgres') {
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: SERVER_URLS.postgres });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      dialect,
      url: withDatabase(SERVER_URLS.postgres, name),
      drop: async () => {
        const c = new Client({ connectionString: SERVER_URLS.postgres });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection(SERVER_URLS.mariadb);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    dialect,
    url: withDatabase(SERVER_URLS.mariadb, name),
    drop: async () => {
      const c = await mysql.createConnection(SERVER_URLS.mariadb);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

/** Why a server dialect cannot run, or null when it answers. */
export async function probeServer(dialect: BenchDialect): Promise<string | null> {
  if (dialect === 'sqlite') return null;
  try {
    if (dialect === 'postgres') {
      const { Client } = await import('pg');
      const c = new Client({
        connectionString: SERVER_URLS.postgres,
        connectionTimeoutMillis: 2000,
      });
      await c.connect();
      await c.end();
    } else {
      const mysql = await import('mysql2/promise');
      const c = await mysql.createConnection({ uri: SERVER_URLS.mariadb, connectTimeout: 2000 });
      await c.end();
    }
    return null;
  } catch (error) {
    return `server unreachable (${(error as Error).message}); try \`npm run services\``;
  }
}
