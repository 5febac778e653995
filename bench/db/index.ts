/** Area "db": the five Manager workloads on SQLite, PostgreSQL and MariaDB against their anchors. */
import { BenchOptions, selected } from '../lib/options';
import { runWorkload } from '../lib/runner';
import { WorkloadResult } from '../lib/workload';
import { RawMariadb } from './anchors/raw-mariadb';
import { RawPostgres } from './anchors/raw-postgres';
import { RawSqlite } from './anchors/raw-sqlite';
import { TypeormAnchor } from './anchors/typeorm';
import { BenchAdmin, Contestant, WorkloadKind } from './contestant';
import {
  BENCH_DIALECTS,
  BenchDialect,
  createFreshDatabase,
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
  const dialects = BENCH_DIALECTS.filter((d) => !opts.dialects || opts.dialects.includes(d));
  for (const dialect of dialects) {
    const kinds = KINDS.filter(
      (k) => selected(opts, dialect, k) && (opts.all || opts.only || !EXTRA[dialect].includes(k)),
    );
    if (kinds.length === 0) continue;
    const down = await probeServer(dialect);
    if (down) {
      log(`${dialect}: skipped, ${down}`);
      continue;
    }
    results.push(...(await runDialect(dialect, kinds, opts, onResult, log)));
  }
  return results;
}

async function runDialect(
  dialect: BenchDialect,
  kinds: WorkloadKind[],
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const db = await createFreshDatabase(dialect);
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
      log(`sqlite pragmas used by every contender: ${JSON.stringify(pragmas)}`);
    }
    const typeorm = await TypeormAnchor.connect(db, pragmas);
    open.push(typeorm);

    const workloads = buildWorkloads(dialect, [registers, raw, typeorm], raw, kinds, opts.rounds);
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
