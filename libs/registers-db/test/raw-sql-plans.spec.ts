import { PostgresQueryDialect } from '../src/dialects/postgres/query';
import { SqliteQueryDialect } from '../src/dialects/sqlite/query';
import { compileRawSql, RawSqlRefusal } from '../src/manager/raw-sql';

/**
 * compileRawSql keeps the rewrite of each text per dialect: every later call of the same text
 * must bind that call's values and refuse what that call's params get wrong.
 */
describe('compileRawSql on a text it has rewritten before', () => {
  const sql = "SELECT * FROM t WHERE a = :a AND b = :b AND c = ':a' AND d = :a";

  const refusalOf = (fn: () => unknown): RawSqlRefusal => {
    try {
      fn();
    } catch (error) {
      if (error instanceof RawSqlRefusal) return error;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('binds the values of each call, in placeholder order', () => {
    const dialect = new PostgresQueryDialect();
    const first = compileRawSql(dialect, sql, { a: 1, b: 2 });
    const second = compileRawSql(dialect, sql, { b: 'y', a: 'x' });
    expect(first).toEqual({
      sql: "SELECT * FROM t WHERE a = $1 AND b = $2 AND c = ':a' AND d = $3",
      values: [1, 2, 1],
    });
    expect(second).toEqual({ sql: first.sql, values: ['x', 'y', 'x'] });
    expect(second.values).not.toBe(first.values);
  });

  it("writes each dialect's placeholders", () => {
    const postgres = compileRawSql(new PostgresQueryDialect(), sql, { a: 1, b: 2 });
    const sqlite = compileRawSql(new SqliteQueryDialect(), sql, { a: 1, b: 2 });
    expect(postgres.sql).toContain('$3');
    expect(sqlite.sql).toBe("SELECT * FROM t WHERE a = ? AND b = ? AND c = ':a' AND d = ?");
  });

  it('still refuses a missing or an unused name, naming it', () => {
    const dialect = new SqliteQueryDialect();
    compileRawSql(dialect, sql, { a: 1, b: 2 });
    const missing = refusalOf(() => compileRawSql(dialect, sql, { a: 1 }));
    expect(missing.parameter).toBe('b');
    expect(missing.reason).toContain(':b');
    const unused = refusalOf(() => compileRawSql(dialect, sql, { a: 1, b: 2, c: 3 }));
    expect(unused.parameter).toBe('c');
  });

  it('refuses a text with a positional placeholder every time', () => {
    const dialect = new SqliteQueryDialect();
    for (let i = 0; i < 2; i++) {
      const refusal = refusalOf(() => compileRawSql(dialect, 'SELECT * FROM t WHERE a = ?', {}));
      expect(refusal.reason).toContain('named :parameters only');
    }
  });

  it('rewrites a long text the same way on every call', () => {
    const dialect = new PostgresQueryDialect();
    const long = `SELECT * FROM t WHERE a = :a${' '.repeat(20_000)}`;
    expect(compileRawSql(dialect, long, { a: 1 }).values).toEqual([1]);
    expect(compileRawSql(dialect, long, { a: 2 }).values).toEqual([2]);
    expect(refusalOf(() => compileRawSql(dialect, long, {})).parameter).toBe('a');
  });
});
