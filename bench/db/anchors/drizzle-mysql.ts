import { eq, gte, sql } from 'drizzle-orm';
import { boolean, double, int, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { drizzle } from 'drizzle-orm/mysql2';
import { createConnection } from 'mysql2/promise';
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

/** bench_users as Drizzle's MySQL schema (active is tinyint(1), read back as a boolean). */
export const mysqlUsers = mysqlTable(TABLE, {
  id: int('id').primaryKey().autoincrement(),
  email: varchar('email', { length: 320 }).notNull().unique(),
  name: varchar('name', { length: 100 }).notNull(),
  age: int('age').notNull(),
  score: double('score').notNull(),
  active: boolean('active').notNull(),
});

/** Drizzle over one mysql2 connection (like the raw anchor); Drizzle sends its SQL with `query`. */
export async function drizzleMysql(url: string): Promise<DrizzleOps> {
  const client = await createConnection({ uri: url, timezone: 'Z' });
  // mode 'default' is the default; naming it here would make Drizzle take the config for a client.
  const db = drizzle({ client });
  const t = mysqlUsers;
  const get = db
    .select()
    .from(t)
    .where(eq(t.id, sql.placeholder('id')))
    .prepare();
  const insert = db.insert(t).values(rowPlaceholders()).prepare();
  const insertChunk = perChunkSize((n) => db.insert(t).values(chunkPlaceholders(n)).prepare());
  const filter = db
    .select()
    .from(t)
    .where(gte(t.age, sql.placeholder('minAge')))
    .prepare();
  const upsert = db
    .insert(t)
    .values(rowPlaceholders())
    .onDuplicateKeyUpdate({
      set: {
        name: sql`values(${t.name})`,
        age: sql`values(${t.age})`,
        score: sql`values(${t.score})`,
        active: sql`values(${t.active})`,
      },
    })
    .prepare();
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
