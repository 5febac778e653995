import { eq, gte, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { boolean, doublePrecision, integer, pgTable, serial, varchar } from 'drizzle-orm/pg-core';
import { Client } from 'pg';
import { TABLE } from '../schema';
import {
  chunkPlaceholders,
  chunksOf,
  chunkValues,
  DrizzleOps,
  perChunkSize,
  rowPlaceholders,
  rowValues,
} from './drizzle-ops';

/** bench_users as Drizzle's PostgreSQL schema. */
export const pgUsers = pgTable(TABLE, {
  id: serial('id').primaryKey(),
  email: varchar('email', { length: 320 }).notNull().unique(),
  name: varchar('name', { length: 100 }).notNull(),
  age: integer('age').notNull(),
  score: doublePrecision('score').notNull(),
  active: boolean('active').notNull(),
});

/**
 * Drizzle over one node-postgres Client (like the raw anchor), every query a named prepared
 * statement; inserts return the generated id, as the raw anchor's do.
 */
export async function drizzlePostgres(url: string): Promise<DrizzleOps> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const db = drizzle({ client });
  const t = pgUsers;
  const get = db
    .select()
    .from(t)
    .where(eq(t.id, sql.placeholder('id')))
    .prepare('drizzle_get');
  const insert = db
    .insert(t)
    .values(rowPlaceholders())
    .returning({ id: t.id })
    .prepare('drizzle_insert');
  const insertChunk = perChunkSize((n) =>
    db.insert(t).values(chunkPlaceholders(n)).returning({ id: t.id }).prepare(`drizzle_bulk_${n}`),
  );
  const filter = db
    .select()
    .from(t)
    .where(gte(t.age, sql.placeholder('minAge')))
    .prepare('drizzle_filter');
  const upsert = db
    .insert(t)
    .values(rowPlaceholders())
    .onConflictDoUpdate({
      target: t.email,
      set: {
        name: sql`excluded.name`,
        age: sql`excluded.age`,
        score: sql`excluded.score`,
        active: sql`excluded.active`,
      },
    })
    .prepare('drizzle_upsert');
  return {
    requireEach: async (ids) => {
      let found = 0;
      for (const id of ids) if ((await get.execute({ id }))[0]) found++;
      return found;
    },
    createEach: async (rows, check) => {
      for (const r of rows) await insert.execute(rowValues(check ? check(r) : r));
    },
    bulkCreate: (rows) =>
      // One connection: the prepared statements run inside the transaction.
      db.transaction(async () => {
        for (const c of chunksOf(rows)) await insertChunk(c.length).execute(chunkValues(c));
      }),
    filterByMinAge: (minAge) => filter.execute({ minAge }),
    upsertEach: async (rows, check) => {
      for (const r of rows) await upsert.execute(rowValues(check ? check(r) : r));
    },
    close: () => client.end(),
  };
}
