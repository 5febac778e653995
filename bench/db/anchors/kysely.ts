import Database from 'better-sqlite3';
import {
  Dialect,
  Generated,
  Kysely,
  MysqlDialect,
  PostgresDialect,
  sql,
  SqliteDialect,
} from 'kysely';
import { createPool } from 'mysql2';
import { Pool } from 'pg';
import { Contestant, WorkloadKind } from '../contestant';
import { BenchDialect, FreshDatabase } from '../databases';
import { BenchRow } from '../rows';
import { TABLE } from '../schema';

/** Rows per multi-row INSERT in bulk writes (5 parameters each). */
export const KYSELY_BULK_CHUNK = 1000;

interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  age: number;
  score: number;
  /** better-sqlite3 binds no booleans: 0/1 there; the driver's value is returned as is. */
  active: boolean | number;
}
type BenchDb = Record<typeof TABLE, UsersTable>;

function dialectOf(db: FreshDatabase, pragmas: Record<string, string | number>): Dialect {
  if (db.dialect === 'sqlite') {
    const database = new Database(db.file!);
    for (const [k, v] of Object.entries(pragmas)) database.pragma(`${k} = ${v}`);
    return new SqliteDialect({ database });
  }
  if (db.dialect === 'postgres')
    return new PostgresDialect({ pool: new Pool({ connectionString: db.url }) });
  return new MysqlDialect({ pool: createPool({ uri: db.url, timezone: 'Z' }) });
}

export const KYSELY_LABELS: Record<WorkloadKind, string> = {
  require: 'selectFrom().selectAll().where(id).executeTakeFirst()',
  create: 'insertInto().values(row).execute() per row',
  bulkCreate: `insertInto().values(${KYSELY_BULK_CHUNK} rows) in transaction()`,
  filter: 'selectFrom().selectAll().where(age >=), driver rows',
  upsert: 'insertInto().onConflict / onDuplicateKeyUpdate',
};

/**
 * Kysely with its built-in dialects (better-sqlite3, a pg Pool, a mysql2 pool): each query
 * built and compiled per call, as Kysely has no prepared statements; rows are the driver's
 * (no mapping, active comes back 0/1 on SQLite and MariaDB), nothing is validated.
 * PostgreSQL inserts return the id, as the raw anchor's do.
 */
export class KyselyAnchor implements Contestant {
  readonly name = 'kysely';
  readonly labels = KYSELY_LABELS;
  private readonly returnsIds: boolean;
  private readonly boolAsInt: boolean;

  private constructor(
    private readonly db: Kysely<BenchDb>,
    private readonly dialect: BenchDialect,
  ) {
    this.returnsIds = dialect === 'postgres';
    this.boolAsInt = dialect === 'sqlite';
  }

  static async connect(
    db: FreshDatabase,
    pragmas: Record<string, string | number>,
  ): Promise<KyselyAnchor> {
    const kysely = new Kysely<BenchDb>({ dialect: dialectOf(db, pragmas) });
    try {
      await sql`SELECT 1`.execute(kysely);
    } catch (error) {
      await kysely.destroy().catch(() => undefined);
      throw error;
    }
    return new KyselyAnchor(kysely, db.dialect);
  }

  private values(r: BenchRow) {
    const active = this.boolAsInt ? (r.active ? 1 : 0) : r.active;
    return { email: r.email, name: r.name, age: r.age, score: r.score, active };
  }

  async requireEach(ids: number[]): Promise<number> {
    let found = 0;
    for (const id of ids) {
      const row = await this.db
        .selectFrom(TABLE)
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row) found++;
    }
    return found;
  }

  async createEach(rows: BenchRow[]): Promise<void> {
    for (const r of rows) {
      const insert = this.db.insertInto(TABLE).values(this.values(r));
      await (this.returnsIds ? insert.returning('id') : insert).execute();
    }
  }

  async bulkCreate(rows: BenchRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += KYSELY_BULK_CHUNK) {
        const chunk = rows.slice(i, i + KYSELY_BULK_CHUNK).map((r) => this.values(r));
        const insert = trx.insertInto(TABLE).values(chunk);
        await (this.returnsIds ? insert.returning('id') : insert).execute();
      }
    });
  }

  filterByMinAge(minAge: number): Promise<unknown[]> {
    return this.db.selectFrom(TABLE).selectAll().where('age', '>=', minAge).execute();
  }

  async upsertEach(rows: BenchRow[]): Promise<void> {
    for (const r of rows) {
      const insert = this.db.insertInto(TABLE).values(this.values(r));
      if (this.dialect === 'mariadb') {
        await insert
          .onDuplicateKeyUpdate({
            name: sql`values(name)`,
            age: sql`values(age)`,
            score: sql`values(score)`,
            active: sql`values(active)`,
          })
          .execute();
      } else {
        await insert
          .onConflict((oc) =>
            oc.column('email').doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              age: eb.ref('excluded.age'),
              score: eb.ref('excluded.score'),
              active: eb.ref('excluded.active'),
            })),
          )
          .execute();
      }
    }
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
