import { EntitySchema, MikroORM, Options } from '@mikro-orm/core';
import { Contestant, WorkloadKind } from '../contestant';
import { FreshDatabase } from '../databases';
import { BenchRow } from '../rows';
import { TABLE } from '../schema';

/** Rows per `em.insertMany` in the bulk workload (5 parameters each). */
export const MIKRO_BULK_CHUNK = 1000;

interface MikroBenchUser extends BenchRow {
  id: number;
}

/** bench_users as a MikroORM EntitySchema: no decorators, no reflection. */
const BenchUserSchema = new EntitySchema<MikroBenchUser>({
  name: 'BenchUser',
  tableName: TABLE,
  properties: {
    id: { type: 'number', primary: true, autoincrement: true },
    email: { type: 'string', length: 320, unique: true },
    name: { type: 'string', length: 100 },
    age: { type: 'number' },
    score: { type: 'number', columnType: 'double precision' },
    active: { type: 'boolean' },
  },
});

const MERGED: (keyof MikroBenchUser)[] = ['name', 'age', 'score', 'active'];

/* eslint-disable @typescript-eslint/no-require-imports -- only the dialect's driver loads */
async function optionsFor(
  db: FreshDatabase,
  pragmas: Record<string, string | number>,
): Promise<Options> {
  const common: Options = {
    entities: [BenchUserSchema],
    debug: false,
    ensureDatabase: false,
    metadataCache: { enabled: false },
    discovery: { warnWhenNoEntities: false },
  };
  if (db.dialect === 'sqlite') {
    const { BetterSqliteDriver } = require('@mikro-orm/better-sqlite');
    return {
      ...common,
      driver: BetterSqliteDriver,
      dbName: db.file!,
      pool: {
        afterCreate: (
          conn: { pragma(s: string): unknown },
          done: (e: Error | null, c: unknown) => void,
        ) => {
          for (const [k, v] of Object.entries(pragmas)) conn.pragma(`${k} = ${v}`);
          done(null, conn);
        },
      },
    };
  }
  if (db.dialect === 'postgres') {
    const { PostgreSqlDriver } = require('@mikro-orm/postgresql');
    return { ...common, driver: PostgreSqlDriver, clientUrl: db.url };
  }
  const { MariaDbDriver } = require('@mikro-orm/mariadb');
  return { ...common, driver: MariaDbDriver, clientUrl: db.url };
}
/* eslint-enable @typescript-eslint/no-require-imports */

export const MIKRO_ORM_LABELS: Record<WorkloadKind, string> = {
  require: 'em.fork().findOne(BenchUser, { id }) per id',
  create: 'em.insert(BenchUser, row) per row',
  bulkCreate: `em.insertMany(${MIKRO_BULK_CHUNK}-row chunks) in em.transactional()`,
  filter: 'em.fork().find(BenchUser, { age: { $gte } })',
  upsert: 'em.fork().upsert(row, { onConflictFields: email })',
};

/**
 * MikroORM 6 on an EntitySchema with its better-sqlite / postgresql / mariadb drivers. Reads
 * and upserts run in a fresh `em.fork()` each, as a request would: the identity map never
 * answers from an earlier call, and never grows (before every query MikroORM's auto-flush
 * check walks the managed entities of the type, so one fork for 1,000 lookups would cost it
 * quadratic time). Writes use the native `em.insert`/`insertMany`/`upsert` (no unit of work:
 * faster than create + flush); nothing is validated.
 */
export class MikroOrmAnchor implements Contestant {
  readonly name = 'mikro-orm';
  readonly labels = MIKRO_ORM_LABELS;
  private constructor(private readonly orm: MikroORM) {}

  static async connect(
    db: FreshDatabase,
    pragmas: Record<string, string | number>,
  ): Promise<MikroOrmAnchor> {
    const orm = await MikroORM.init(await optionsFor(db, pragmas));
    // init() only warns when the database is unreachable: fail here, not in the first workload.
    const check = await orm.checkConnection();
    if (!check.ok) {
      await orm.close(true).catch(() => undefined);
      throw check.error ?? new Error(check.reason);
    }
    return new MikroOrmAnchor(orm);
  }

  async requireEach(ids: number[]): Promise<number> {
    let found = 0;
    for (const id of ids) if (await this.orm.em.fork().findOne(BenchUserSchema, { id })) found++;
    return found;
  }

  async createEach(rows: BenchRow[]): Promise<void> {
    const em = this.orm.em.fork();
    for (const r of rows) await em.insert<MikroBenchUser>(BenchUserSchema, r);
  }

  async bulkCreate(rows: BenchRow[]): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      for (let i = 0; i < rows.length; i += MIKRO_BULK_CHUNK)
        await em.insertMany<MikroBenchUser>(BenchUserSchema, rows.slice(i, i + MIKRO_BULK_CHUNK));
    });
  }

  filterByMinAge(minAge: number): Promise<unknown[]> {
    return this.orm.em.fork().find(BenchUserSchema, { age: { $gte: minAge } });
  }

  async upsertEach(rows: BenchRow[]): Promise<void> {
    for (const r of rows) {
      await this.orm.em.fork().upsert(BenchUserSchema, r, {
        onConflictFields: ['email'],
        onConflictAction: 'merge',
        onConflictMergeFields: MERGED,
      });
    }
  }

  close(): Promise<void> {
    return this.orm.close(true);
  }
}
