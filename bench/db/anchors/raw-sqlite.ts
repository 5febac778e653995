import Database from 'better-sqlite3';
import { BenchAdmin, Contestant } from '../contestant';
import { BenchRow } from '../rows';
import { TABLE } from '../schema';

/** The floor: better-sqlite3 prepared statements, synchronous, no validation or hydration. */
export class RawSqlite implements Contestant, BenchAdmin {
  readonly name = 'raw';
  readonly labels = {
    require: 'better-sqlite3 prepare().get',
    create: 'better-sqlite3 prepare().run (INSERT)',
    bulkCreate: 'prepare().run in one db.transaction()',
    filter: 'better-sqlite3 prepare().all',
    upsert: 'prepare().run (INSERT … ON CONFLICT DO UPDATE)',
  };
  private readonly db: Database.Database;
  private prepared?: ReturnType<RawSqlite['prepare']>;

  constructor(file: string) {
    this.db = new Database(file);
  }

  /** Prepared on first use, once the table exists. */
  private get s(): ReturnType<RawSqlite['prepare']> {
    return (this.prepared ??= this.prepare());
  }

  private prepare() {
    const cols = 'id, email, name, age, score, active';
    const insert = this.db.prepare(
      `INSERT INTO ${TABLE} (email, name, age, score, active) VALUES (?, ?, ?, ?, ?)`,
    );
    return {
      get: this.db.prepare(`SELECT ${cols} FROM ${TABLE} WHERE id = ?`),
      insert,
      filter: this.db.prepare(`SELECT ${cols} FROM ${TABLE} WHERE age >= ?`),
      upsert: this.db.prepare(
        `INSERT INTO ${TABLE} (email, name, age, score, active) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (email) DO UPDATE SET name = excluded.name, age = excluded.age,
         score = excluded.score, active = excluded.active`,
      ),
      insertAll: this.db.transaction((rows: BenchRow[]) => {
        for (const r of rows) insert.run(r.email, r.name, r.age, r.score, r.active ? 1 : 0);
      }),
    };
  }

  async requireEach(ids: number[]): Promise<number> {
    const get = this.s.get;
    let found = 0;
    for (const id of ids) if (get.get(id)) found++;
    return found;
  }

  async createEach(rows: BenchRow[]): Promise<void> {
    const insert = this.s.insert;
    for (const r of rows) insert.run(r.email, r.name, r.age, r.score, r.active ? 1 : 0);
  }

  async bulkCreate(rows: BenchRow[]): Promise<void> {
    this.s.insertAll(rows);
  }

  async filterByMinAge(minAge: number): Promise<unknown[]> {
    return this.s.filter.all(minAge);
  }

  async upsertEach(rows: BenchRow[]): Promise<void> {
    const upsert = this.s.upsert;
    for (const r of rows) upsert.run(r.email, r.name, r.age, r.score, r.active ? 1 : 0);
  }

  applyPragmas(pragmas: Record<string, string | number>): void {
    for (const [k, v] of Object.entries(pragmas)) this.db.pragma(`${k} = ${v}`);
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async countRows(nameIs?: string): Promise<number> {
    const where = nameIs === undefined ? '' : ' WHERE name = ?';
    const stmt = this.db.prepare(`SELECT count(*) FROM ${TABLE}${where}`).pluck();
    return Number(nameIs === undefined ? stmt.get() : stmt.get(nameIs));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
