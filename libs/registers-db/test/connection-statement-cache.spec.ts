import { DatabaseConnection } from '../src/connection';
import { STATEMENT_CACHE_SIZE } from '../src/dialects/base/statement-cache';
import { describeEachDialect } from '../../../test/support/dialects';

const DISTINCT_STATEMENTS = 10_000;

/** How many statements the connection's session (or, on MariaDB, mysql2's one pooled connection) keeps prepared. */
async function cachedStatements(conn: DatabaseConnection): Promise<number> {
  const session = (conn as any).session;
  if (conn.dialect === 'sqlite') return session.statements.size;
  if (conn.dialect === 'postgres') return session.names.size;
  const pool = (await conn.driverHandle()) as any;
  const [connection] = pool._allConnections.toArray();
  return connection._statements.size;
}

describeEachDialect('statement caches are bounded', (target) => {
  let conn: DatabaseConnection;

  beforeAll(async () => {
    // One pooled connection on the servers, so every statement is prepared on it.
    conn = new DatabaseConnection({
      url: target().url,
      typeorm: { extra: target().dialect === 'postgres' ? { max: 1 } : { connectionLimit: 1 } },
    });
    await conn.open();
  });
  afterAll(() => conn.close());

  it(`keeps at most ${STATEMENT_CACHE_SIZE} of ${DISTINCT_STATEMENTS} distinct statements, and each still answers`, async () => {
    for (let i = 0; i < DISTINCT_STATEMENTS; i++) {
      const rows = await conn.query(`SELECT ${i} AS n`);
      expect(Number(rows[0].n)).toBe(i);
      if (i === STATEMENT_CACHE_SIZE - 1)
        expect(await cachedStatements(conn)).toBe(STATEMENT_CACHE_SIZE);
    }
    expect(await cachedStatements(conn)).toBe(STATEMENT_CACHE_SIZE);
  }, 120_000);

  it('keeps a repeated statement prepared while other statements come and go', async () => {
    const hot = 'SELECT 42 AS answer';
    await conn.query(hot);
    const session = (conn as any).session;
    const cache = conn.dialect === 'sqlite' ? session.statements : session.names;
    for (let i = 0; i < 2 * STATEMENT_CACHE_SIZE; i++) {
      await conn.query(`SELECT ${i} AS churn`);
      if (i % 100 === 0) expect(await conn.query(hot)).toEqual([{ answer: 42 }]);
    }
    if (conn.dialect !== 'mysql') expect(cache.has(hot)).toBe(true);
  }, 120_000);
});
