/**
 * Workload `coldRequire`: the first 1,000 `require(id)` calls of a brand-new registry on
 * in-memory SQLite (statements, hydration and validation set up on first use), against a
 * brand-new better-sqlite3 `:memory:` database that prepares its SELECT and reads the same
 * keys. Only the reads are timed: each round's new registry or database, its table and its
 * 1,000 seeded rows are made untimed in `before()`, and the previous round's is disposed.
 */
import Database from 'better-sqlite3';
import { Contender, Workload } from '../lib/workload';
import { makeRows, shuffledIds } from './rows';
import { loadRegisters } from './registers-subject';
import { createTableSql, TABLE } from './schema';
import { targetsFor } from './workloads';

export const COLD_REQUIRES = 1000;
const COLS = 'id, email, name, age, score, active';

/** The parts of @registers/db this workload uses. */
interface ColdRegistry {
  connection: { driverHandle(): Promise<unknown> };
  register(...models: Function[]): unknown;
  prepare(): Promise<void>;
  manager(model: Function): { require(key: number): Promise<object> };
  dispose(): Promise<void>;
}

/** Inserts the seed rows through a better-sqlite3 handle, in one transaction. */
function seed(db: Database.Database): void {
  const insert = db.prepare(
    `INSERT INTO ${TABLE} (email, name, age, score, active) VALUES (?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const r of makeRows(COLD_REQUIRES, 'cold'))
      insert.run(r.email, r.name, r.age, r.score, r.active ? 1 : 0);
  })();
}

function expectAll(found: unknown): void {
  if (found !== COLD_REQUIRES)
    throw new Error(`records found: expected ${COLD_REQUIRES}, got ${String(found)}`);
}

function registersContender(ids: number[]): Contender & { close(): Promise<void> } {
  const label = 'fresh registry on sqlite::memory:, 1,000 require(id)';
  const loaded = loadRegisters();
  if (typeof loaded === 'string')
    return { name: 'registers', label, skip: loaded, run: () => 0, close: async () => undefined };
  let registry: ColdRegistry | undefined;
  let manager: ReturnType<ColdRegistry['manager']> | undefined;
  const close = async () => {
    await registry?.dispose();
    registry = manager = undefined;
  };
  return {
    name: 'registers',
    label,
    before: async () => {
      await close();
      registry = new loaded.DatabaseRegistry({
        url: 'sqlite::memory:',
        autoCreate: true,
      }) as unknown as ColdRegistry;
      registry.register(loaded.BenchUser);
      await registry.prepare();
      seed((await registry.connection.driverHandle()) as Database.Database);
      manager = registry.manager(loaded.BenchUser);
    },
    run: async () => {
      let found = 0;
      for (const id of ids) if (await manager!.require(id)) found++;
      return found;
    },
    verify: expectAll,
    close,
  };
}

function rawContender(ids: number[]): Contender & { close(): Promise<void> } {
  let db: Database.Database | undefined;
  const close = async () => {
    db?.close();
    db = undefined;
  };
  return {
    name: 'raw',
    label: 'fresh :memory: db: prepare() + 1,000 .get(id)',
    before: async () => {
      await close();
      db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
      db.exec(createTableSql('sqlite'));
      seed(db);
    },
    run: () => {
      const get = db!.prepare(`SELECT ${COLS} FROM ${TABLE} WHERE id = ?`);
      let found = 0;
      for (const id of ids) if (get.get(id)) found++;
      return found;
    },
    verify: expectAll,
    close,
  };
}

/** The workload, and `close()` for the last round's registry and database. */
export function coldRequireWorkload(
  group: string,
  rounds: number,
): { workload: Workload; close(): Promise<void> } {
  const ids = shuffledIds(COLD_REQUIRES);
  const contenders = [registersContender(ids), rawContender(ids)];
  return {
    workload: {
      id: `${group}.coldRequire`,
      area: 'db',
      group,
      title: `cold require(pk) ×${COLD_REQUIRES} (new registry, :memory:)`,
      ops: COLD_REQUIRES,
      subject: 'registers',
      contenders,
      targets: targetsFor('sqlite', 'coldRequire'),
      // Each timed call lasts milliseconds: as many rounds as the other short workloads.
      rounds: rounds * 3,
    },
    close: async () => {
      for (const c of contenders) await c.close();
    },
  };
}
