/**
 * Area "db": the five Manager workloads on SQLite, PostgreSQL and MariaDB against the raw
 * driver and the peer libraries (./peers.ts), plus the cold-registry reads on SQLite.
 */
import { BenchOptions, selected } from '../lib/options';
import { runWorkload } from '../lib/runner';
import { Workload, WorkloadResult } from '../lib/workload';
import { RawMariadb } from './anchors/raw-mariadb';
import { RawPostgres } from './anchors/raw-postgres';
import { RawSqlite } from './anchors/raw-sqlite';
import { coldRequireWorkload } from './cold-require';
import { BenchAdmin, Contestant, DbWorkloadKind, WorkloadKind } from './contestant';
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
import { connectPeers } from './peers';
import { REGISTERS_LABELS, RegistersSubject } from './registers-subject';
import { createTableSql } from './schema';
import { buildWorkloads, Entrant } from './workloads';

const KINDS: DbWorkloadKind[] = [
  'require',
  'create',
  'bulkCreate',
  'filter',
  'upsert',
  'coldRequire',
];

/** Workloads run in one group only: the cold registry is an in-memory database anyway. */
const ONLY_IN: Partial<Record<DbWorkloadKind, string>> = { coldRequire: 'sqlite' };

/**
 * Workloads left out of a default run to keep it within a few minutes: per-row commits on
 * MariaDB cost a disk flush each, for every contender. `--all` or `--only` includes them
 * (and checks their targets).
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
  // The cold registries run after every other workload: they make a fresh registry per
  // round, and each registry has a record class of its own, so the model's constructor
  // (shared by those classes) would then be polymorphic over dozens of classes for every
  // workload after them, which a process with one registry never sees.
  const passes = [
    (k: DbWorkloadKind) => k !== 'coldRequire',
    (k: DbWorkloadKind) => k === 'coldRequire',
  ];
  for (const inPass of passes)
    for (const setup of setups) {
      const kinds = KINDS.filter(
        (k) =>
          inPass(k) &&
          selected(opts, setup.group, k) &&
          (ONLY_IN[k] ?? setup.group) === setup.group &&
          (opts.all || opts.only || !EXTRA[setup.dialect].includes(k as WorkloadKind)),
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

/** Something to close when the setup ends, whatever happened. */
interface Closeable {
  close(): Promise<void>;
}

/**
 * The five Manager workloads of one setup: creates the table, connects raw, registers and
 * the peers (each added to `open`), and builds the workloads.
 */
async function managerWorkloads(
  setup: BenchSetup,
  db: FreshDatabase,
  kinds: WorkloadKind[],
  opts: BenchOptions,
  open: Closeable[],
  log: (line: string) => void,
): Promise<Workload[]> {
  const { dialect } = setup;
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
  const peers = await connectPeers(db, pragmas, open);
  for (const p of peers) if ('skip' in p) log(`${setup.group}: ${p.name} skipped, ${p.skip}`);
  return buildWorkloads(setup, [registers, raw, ...peers], raw, kinds, opts.rounds);
}

async function runSetup(
  setup: BenchSetup,
  kinds: DbWorkloadKind[],
  opts: BenchOptions,
  onResult: (r: WorkloadResult) => void,
  log: (line: string) => void,
): Promise<WorkloadResult[]> {
  const managerKinds = kinds.filter((k): k is WorkloadKind => k !== 'coldRequire');
  const db = await createFreshDatabase(setup.dialect, { dir: setup.dir });
  const open: Closeable[] = [];
  try {
    const workloads: Workload[] = [];
    if (managerKinds.length > 0)
      workloads.push(...(await managerWorkloads(setup, db, managerKinds, opts, open, log)));
    if (kinds.includes('coldRequire')) {
      const cold = coldRequireWorkload(setup.group, opts.rounds);
      open.push(cold);
      workloads.push(cold.workload);
    }

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
