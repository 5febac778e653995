import Database from 'better-sqlite3';
import { eq, gte, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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

/** bench_users as Drizzle's SQLite schema (active stored 0/1, read back as a boolean). */
export const sqliteUsers = sqliteTable(TABLE, {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  age: integer('age').notNull(),
  score: real('score').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
});

/**
 * Drizzle over better-sqlite3 with the pragmas every contender gets. The driver is
 * synchronous, so are Drizzle's prepared `.get/.run/.all` on it: the loops call them directly.
 */
export function drizzleSqlite(file: string, pragmas: Record<string, string | number>): DrizzleOps {
  const client = new Database(file);
  for (const [k, v] of Object.entries(pragmas)) client.pragma(`${k} = ${v}`);
  const db = drizzle({ client });
  const t = sqliteUsers;
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
    .onConflictDoUpdate({
      target: t.email,
      set: {
        name: sql`excluded.name`,
        age: sql`excluded.age`,
        score: sql`excluded.score`,
        active: sql`excluded.active`,
      },
    })
    .prepare();
  return {
    requireEach: async (ids) => {
      let found = 0;
      for (const id of ids) if (get.get({ id })) found++;
      return found;
    },
    createEach: async (rows, check) => {
      for (const r of rows) insert.run(rowValues(check ? check(r) : r));
    },
    bulkCreate: async (rows) =>
      db.transaction(() => {
        // better-sqlite3 transactions are synchronous: every chunk runs inside this call.
        for (const c of chunksOf(rows)) insertChunk(c.length).run(chunkValues(c));
      }),
    filterByMinAge: async (minAge) => filter.all({ minAge }),
    upsertEach: async (rows, check) => {
      for (const r of rows) upsert.run(rowValues(check ? check(r) : r));
    },
    close: async () => void client.close(),
  };
}
