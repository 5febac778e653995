import { describeEachDialect } from './dialects';

describeEachDialect('the dialect matrix', (target) => {
  it('gives each suite a database of its own that accepts a round trip', async () => {
    const { dialect, url } = target();
    if (dialect === 'sqlite') {
      const Database = (await import('better-sqlite3')).default;
      const db = new Database(url.slice('sqlite:'.length));
      expect(db.prepare('select 41 + 1 as v').get()).toEqual({ v: 42 });
      db.close();
    } else if (dialect === 'postgres') {
      const { Client } = await import('pg');
      const c = new Client({ connectionString: url });
      await c.connect();
      const r = await c.query('select current_database() as db');
      expect(r.rows[0].db).toBe(new URL(url).pathname.slice(1));
      await c.end();
    } else {
      const mysql = await import('mysql2/promise');
      const c = await mysql.createConnection(url);
      const [rows] = await c.query('select database() as db');
      expect((rows as any)[0].db).toBe(new URL(url).pathname.slice(1));
      await c.end();
    }
  });
});
