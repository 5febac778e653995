import { DatabaseConnection } from '../src/connection';
import { describeEachDialect } from '../../../test/support/dialects';

const DDL = {
  sqlite:
    'CREATE TABLE one_items (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(50) NOT NULL)',
  postgres: 'CREATE TABLE one_items (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL)',
  mariadb: 'CREATE TABLE one_items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL)',
};

describeEachDialect('DatabaseConnection.queryOne', (target) => {
  let conn: DatabaseConnection;
  let p: (n: number) => string;

  beforeAll(async () => {
    conn = new DatabaseConnection({ url: target().url });
    p = (n) => (conn.dialect === 'postgres' ? `$${n}` : '?');
    await conn.execute(DDL[target().dialect]);
  });
  afterAll(() => conn.close());
  beforeEach(async () => {
    await conn.execute('DELETE FROM one_items');
    for (const name of ['b', 'a', 'c'])
      await conn.execute(`INSERT INTO one_items (name) VALUES (${p(1)})`, [name]);
  });

  it('returns the same first row as query for an ordered read of several rows', async () => {
    const sql = 'SELECT name FROM one_items ORDER BY name';
    const all = await conn.query(sql);
    expect(all).toHaveLength(3);
    expect(await conn.queryOne(sql)).toEqual(all[0]);
    expect(await conn.queryOne(sql)).toEqual({ name: 'a' });
  });

  it('returns undefined when the read finds no row', async () => {
    expect(
      await conn.queryOne(`SELECT name FROM one_items WHERE name = ${p(1)}`, ['missing']),
    ).toBeUndefined();
  });

  it('binds its values as parameters', async () => {
    const hostile = "a' OR '1'='1";
    expect(
      await conn.queryOne(`SELECT name FROM one_items WHERE name = ${p(1)}`, [hostile]),
    ).toBeUndefined();
    expect(await conn.queryOne(`SELECT name FROM one_items WHERE name = ${p(1)}`, ['c'])).toEqual({
      name: 'c',
    });
  });

  it('reads inside a transaction what the transaction wrote before it commits', async () => {
    await conn
      .transaction(async () => {
        await conn.execute(`INSERT INTO one_items (name) VALUES (${p(1)})`, ['inside']);
        expect(
          await conn.queryOne(`SELECT name FROM one_items WHERE name = ${p(1)}`, ['inside']),
        ).toEqual({ name: 'inside' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(
      await conn.queryOne(`SELECT name FROM one_items WHERE name = ${p(1)}`, ['inside']),
    ).toBeUndefined();
  });

  it('reports its SQL text to statement listeners', async () => {
    const seen: string[] = [];
    const stop = conn.onStatement((sql) => seen.push(sql));
    await conn.queryOne('SELECT COUNT(*) AS n FROM one_items');
    stop();
    expect(seen).toEqual(['SELECT COUNT(*) AS n FROM one_items']);
  });

  it('rethrows driver errors as they come', async () => {
    // Driver errors may come from another realm than jest's Error, so match their message.
    await expect(conn.queryOne('SELECT nope FROM one_items')).rejects.toMatchObject({
      message: expect.stringMatching(/nope/),
    });
  });
});
