import type { FreshDatabase } from '../db/databases';

/**
 * The bench's own connection to the shop tables, outside both servers: resets stock between
 * rounds and counts rows, so a contender that answers 201 without writing is caught.
 */
export interface ShopTables {
  count(table: 'customers' | 'products' | 'orders' | 'order_items'): Promise<number>;
  stockOf(productId: number): Promise<number>;
  setAllStock(stock: number): Promise<void>;
  close(): Promise<void>;
}

export async function openShopTables(db: FreshDatabase): Promise<ShopTables> {
  if (db.dialect === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const sqlite = new Database(db.file!, { timeout: 5000 });
    return {
      count: async (table) =>
        (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n,
      stockOf: async (id) =>
        (sqlite.prepare('SELECT stock FROM products WHERE id = ?').get(id) as { stock: number })
          .stock,
      setAllStock: async (stock) => void sqlite.prepare('UPDATE products SET stock = ?').run(stock),
      close: async () => void sqlite.close(),
    };
  }
  if (db.dialect === 'postgres') {
    const { Client } = await import('pg');
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    return {
      count: async (table) =>
        Number((await pg.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n),
      stockOf: async (id) =>
        Number((await pg.query('SELECT stock FROM products WHERE id = $1', [id])).rows[0].stock),
      setAllStock: async (stock) =>
        void (await pg.query('UPDATE products SET stock = $1', [stock])),
      close: () => pg.end(),
    };
  }
  throw new Error(`api: no shop tables helper for ${db.dialect}`);
}
