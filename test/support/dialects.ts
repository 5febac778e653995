/**
 * The dialect test matrix: `describeEachDialect` runs one suite against SQLite, PostgreSQL
 * and MariaDB. Each suite gets a database of its own (created in `beforeAll`, dropped in
 * `afterAll`) so that test files can run in parallel without seeing each other's tables.
 *
 * Server URLs come from REGISTERS_TEST_POSTGRES_URL / REGISTERS_TEST_MYSQL_URL with defaults
 * that match the local services. REGISTERS_TEST_DIALECTS=sqlite,postgres narrows the matrix.
 * Reachability is probed once in jest's global setup: under CI=true an unreachable server
 * fails the run there; elsewhere its suites are skipped with a visible note.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type DialectName = 'sqlite' | 'postgres' | 'mariadb';
export const ALL_DIALECTS: DialectName[] = ['sqlite', 'postgres', 'mariadb'];

export const DEFAULT_URLS: Record<Exclude<DialectName, 'sqlite'>, string> = {
  postgres: process.env.REGISTERS_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mariadb: process.env.REGISTERS_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
};

export interface DialectTarget {
  dialect: DialectName;
  /** A connection URL to a database that belongs to this suite alone. */
  url: string;
}

export function selectedDialects(): DialectName[] {
  const raw = process.env.REGISTERS_TEST_DIALECTS;
  if (!raw) return ALL_DIALECTS;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is DialectName => (ALL_DIALECTS as string[]).includes(s));
}

/** Set by the global setup: the dialects whose server answered. */
export function reachableDialects(): DialectName[] {
  const raw = process.env.REGISTERS_TEST_REACHABLE;
  return raw === undefined ? selectedDialects() : (raw.split(',').filter(Boolean) as DialectName[]);
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function createIsolated(
  dialect: DialectName,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `rt_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'registers-'));
    return {
      url: `sqlite:${join(dir, 'test.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (dialect === 'postgres') {
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: DEFAULT_URLS.postgres });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return {
      url: withDatabase(DEFAULT_URLS.postgres, name),
      drop: async () => {
        const c = new Client({ connectionString: DEFAULT_URLS.postgres });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection(DEFAULT_URLS.mariadb);
  await admin.query(`CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    url: withDatabase(DEFAULT_URLS.mariadb, name),
    drop: async () => {
      const c = await mysql.createConnection(DEFAULT_URLS.mariadb);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

/**
 * Runs `body` once per dialect, inside `describe('<title> [<dialect>]')`. `target()` gives
 * the suite's own database URL (valid from `beforeAll` on).
 */
export function describeEachDialect(
  title: string,
  body: (target: () => DialectTarget) => void,
  options: { only?: DialectName[] } = {},
): void {
  const reachable = reachableDialects();
  for (const dialect of selectedDialects()) {
    if (options.only && !options.only.includes(dialect)) continue;
    const label = `${title} [${dialect}]`;
    if (!reachable.includes(dialect)) {
      describe.skip(`${label} (server unreachable)`, () => body(() => ({ dialect, url: '' })));
      continue;
    }
    describe(label, () => {
      let current: DialectTarget | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const db = await createIsolated(dialect);
        current = { dialect, url: db.url };
        drop = db.drop;
      });
      afterAll(async () => {
        await drop?.();
      });
      body(() => {
        if (!current) throw new Error(`${label}: the database is created in beforeAll`);
        return current;
      });
    });
  }
}
