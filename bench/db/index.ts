/** Area "db": the five Manager workloads on SQLite, PostgreSQL and MariaDB against their anchors. */
import { BenchOptions, selected } from '../lib/options';
import { runWorkload } from '../lib/runner';
import { WorkloadResult } from '../lib/workload';
import { RawMariadb } from './anchors/raw-mariadb';
import { RawPostgres } from './anchors/raw-postgres';
import { RawSqlite } from './anchors/raw-sqlite';
import { TypeormAnchor } from './anchors/typeorm';
import { BenchAdmin, Contestant, WorkloadKind } from './contestant';
import { dirname } from 'node:path';
import {
  BenchDialect,
  benchSetups,
  BenchSetup,
  createFreshDatabase,
  fileSystemOf,
  FreshDatabase,
  probeServer,
} from './databases';
import { REGISTERS_LABELS, RegistersSubject } from './registers-subject';
import { createTableSql } from './schema';
import { buildWorkloads, Entrant } from './workloads';

const KINDS: WorkloadKind[] = ['require', 'create', 'bulkCreate', 'filter', 'upsert'];

/**
 * Workloads left out of a default run to keep it within a few minutes: per-row commits on
 * MariaDB have no target and cost a disk flush each. `--all` or `--only` includes them.
 */
const EXTRA: Record<BenchDialect, WorkloadKind[]> = {
  sqlite: [],
  postgres: [],
  mariadb: ['create', 'upsert'],
};

/** What the registers connection runs on SQLite; the anchors copy it so the comparison is fair. */
const DEFAULT_SQLITE_PRAGMAS: Record<string, string | number> = {
  journal_mode: 'WAL',
  synchronous: 'NORMAL',
  foreign_keys: 'ON',
  busy_timeout: 5000,
};

async function sqlitePragmasOf(
  subject: RegistersSubject | null,
): Promise<Record<string, string | number>> {
  const pragmas = { ...DEFAULT_SQLITE_PRAGMAS };
  const query = subject?.query;
  if (!query) return pragmas;
  for (const name of ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout']) {
    try {
      const [row] = await query(`PRAGMA ${name}`);
      const value = row && Object.values(row)[0];
      if (value !== undefined && value !== null) pragmas[name] = value as string | number;
    } catch {
      // keep the default when the connection refuses a raw PRAGMA
    }
  }
  return pragmas;
}

async function connectRaw(db: FreshDatabase): Promise<Contestant & BenchAdmin> {
  if (db.dialect === 'sqlite') return new RawSqlite(db.file!);
  if (db.dialect === 'postgres') return RawPostgres.connect(db.url);
  return RawMariadb.connect(db.url);
}

export async function runDbArea(
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const results: WorkloadResult[] = [];
  const setups = benchSetups().filter(
    (s) => !opts.dialects || opts.dialects.includes(s.dialect) || opts.dialects.includes(s.group),
  );
  for (const setup of setups) {
    const kinds = KINDS.filter(
      (k) =>
        selected(opts, setup.group, k) &&
        (opts.all || opts.only || !EXTRA[setup.dialect].includes(k)),
    );
    if (kinds.length === 0) continue;
    const down = await probeServer(setup.dialect);
    if (down) {
      log(`${setup.group}: skipped, ${down}`);
      continue;
    }
    results.push(...(await runSetup(setup, kinds, opts, onResult, log)));
  }
  return results;
}

async function runSetup(
  setup: BenchSetup,
  kinds: WorkloadKind[],
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const { dialect } = setup;
  const db = await createFreshDatabase(dialect, { dir: setup.dir });
  const open: Contestant[] = [];
  try {
    const raw = await connectRaw(db);
    open.push(raw);
    await raw.exec(createTableSql(dialect));

    let registers: Entrant;
    let subject: RegistersSubject | null = null;
    try {
      subject = await RegistersSubject.connect(db);
      registers = subject;
      open.push(subject);
    } catch (error) {
      registers = { name: 'registers', labels: REGISTERS_LABELS, skip: (error as Error).message };
    }
    let pragmas: Record<string, string | number> = {};
    if (dialect === 'sqlite') {
      pragmas = await sqlitePragmasOf(subject);
      (raw as RawSqlite).applyPragmas(pragmas);
      const folder = dirname(dirname(db.file!));
      log(`${setup.group}: database file in ${folder} (${fileSystemOf(folder)})`);
      log(`${setup.group} pragmas used by every contender: ${JSON.stringify(pragmas)}`);
    }
    const typeorm = await TypeormAnchor.connect(db, pragmas);
    open.push(typeorm);

    const workloads = buildWorkloads(setup, [registers, raw, typeorm], raw, kinds, opts.rounds);
    const results: WorkloadResult[] = [];
    for (const w of workloads)
      results.push(
        await runWorkload(w, {
          rounds: opts.rounds,
          warmup: opts.warmup,
          profile: opts.profile,
          onResult,
        }),
      );
    return results;
  } finally {
    for (const c of open.reverse()) await c.close().catch(() => undefined);
    await db.drop();
  }
}
