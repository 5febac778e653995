/** A fresh, empty database per dialect for one bench run, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BenchDialect = 'sqlite' | 'postgres' | 'mariadb';

/** One place the db workloads run: a dialect, and for SQLite the folder its file lives in. */
export interface BenchSetup {
  /** Row group and workload id prefix, e.g. `sqlite` or `sqlite-tmpfs`. */
  group: string;
  dialect: BenchDialect;
  /** SQLite: the folder of the database file (default: the OS temp folder). */
  dir?: string;
}

/**
 * SQLite runs twice: in the OS temp folder (a disk on most servers) and on tmpfs when the
 * machine has /dev/shm. Every autocommitted write pays the file system, the same for every
 * contender, so the disk run shows what an app sees and the tmpfs run shows the libraries'
 * own cost with a lower floor.
 */
export function benchSetups(): BenchSetup[] {
  return [
    { group: 'sqlite', dialect: 'sqlite' },
    ...(existsSync('/dev/shm')
      ? [{ group: 'sqlite-tmpfs', dialect: 'sqlite' as const, dir: '/dev/shm' }]
      : []),
    { group: 'postgres', dialect: 'postgres' },
    { group: 'mariadb', dialect: 'mariadb' },
  ];
}

const FILE_SYSTEMS: Record<number, string> = {
  0xef53: 'ext4',
  0x01021994: 'tmpfs',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x794c7630: 'overlayfs',
  0x2fc12fc1: 'zfs',
};

/** "ext4", "tmpfs", … of the file system holding `dir`, for the run's header. */
export function fileSystemOf(dir: string): string {
  try {
    const type = statfsSync(dir).type;
    return FILE_SYSTEMS[type] ?? `type 0x${type.toString(16)}`;
  } catch {
    return 'unknown';
  }
}

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

export async function createFreshDatabase(
  dialect: BenchDialect,
  options: { dir?: string } = {},
): Promise<FreshDatabase> {
  const name = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(options.dir ?? tmpdir(), 'registers-bench-'));
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
