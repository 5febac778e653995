import { Contestant, WorkloadKind } from '../contestant';
import { FreshDatabase } from '../databases';
import { BenchRow } from '../rows';
import { DRIZZLE_BULK_CHUNK, DrizzleOps } from './drizzle-ops';
import { drizzleMysql } from './drizzle-mysql';
import { drizzlePostgres } from './drizzle-postgres';
import { drizzleSqlite } from './drizzle-sqlite';

export const DRIZZLE_LABELS: Record<WorkloadKind, string> = {
  require: 'prepared select().where(eq(id, placeholder))',
  create: 'prepared insert().values(placeholders)',
  bulkCreate: `prepared ${DRIZZLE_BULK_CHUNK}-row inserts in db.transaction()`,
  filter: 'prepared select().where(gte(age, placeholder))',
  upsert: 'prepared onConflictDoUpdate / onDuplicateKeyUpdate',
};

/** Opens Drizzle on the bench database with the dialect's usual driver. */
export function openDrizzle(
  db: FreshDatabase,
  pragmas: Record<string, string | number>,
): Promise<DrizzleOps> {
  if (db.dialect === 'sqlite') return Promise.resolve(drizzleSqlite(db.file!, pragmas));
  if (db.dialect === 'postgres') return drizzlePostgres(db.url);
  return drizzleMysql(db.url);
}

/**
 * Drizzle ORM, its fastest public API: every query built once and `.prepare()`d with
 * `sql.placeholder`s (better-sqlite3 called synchronously, one node-postgres Client with named
 * statements, one mysql2 connection); rows come back mapped by Drizzle (booleans as
 * booleans); nothing is validated.
 */
export class DrizzleAnchor implements Contestant {
  readonly name = 'drizzle';
  readonly labels = DRIZZLE_LABELS;
  private constructor(private readonly ops: DrizzleOps) {}

  static async connect(
    db: FreshDatabase,
    pragmas: Record<string, string | number>,
  ): Promise<DrizzleAnchor> {
    return new DrizzleAnchor(await openDrizzle(db, pragmas));
  }

  requireEach(ids: number[]): Promise<number> {
    return this.ops.requireEach(ids);
  }

  createEach(rows: BenchRow[]): Promise<void> {
    return this.ops.createEach(rows);
  }

  bulkCreate(rows: BenchRow[]): Promise<void> {
    return this.ops.bulkCreate(rows);
  }

  filterByMinAge(minAge: number): Promise<unknown[]> {
    return this.ops.filterByMinAge(minAge);
  }

  upsertEach(rows: BenchRow[]): Promise<void> {
    return this.ops.upsertEach(rows);
  }

  close(): Promise<void> {
    return this.ops.close();
  }
}
