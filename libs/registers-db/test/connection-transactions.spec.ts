import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseConnection } from '../src/connection';
import { describeEachDialect } from '../../../test/support/dialects';

const DDL = {
  sqlite:
    'CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(50) NOT NULL UNIQUE)',
  postgres: 'CREATE TABLE items (id SERIAL PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE)',
  mariadb:
    'CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE)',
};

describeEachDialect('DatabaseConnection', (target) => {
  let conn: DatabaseConnection;
  let p: (n: number) => string;

  const names = async () =>
    (await conn.query<{ name: string }>('SELECT name FROM items ORDER BY name')).map((r) => r.name);
  const insert = (name: string) =>
    conn.execute(`INSERT INTO items (name) VALUES (${p(1)})`, [name]);

  beforeAll(async () => {
    conn = new DatabaseConnection({ url: target().url });
    p = (n) => (conn.dialect === 'postgres' ? `$${n}` : '?');
    await conn.execute(DDL[target().dialect]);
  });
  afterAll(() => conn.close());
  beforeEach(() => conn.execute('DELETE FROM items'));

  it('opens nothing until the first statement', async () => {
    const lazy = new DatabaseConnection({ url: target().url });
    expect(lazy.isOpen).toBe(false);
    await lazy.query('SELECT 1 AS one');
    expect(lazy.isOpen).toBe(true);
    await lazy.close();
  });

  it('reports affected rows and binds every value as a parameter', async () => {
    const hostile = "x'); DROP TABLE items; --";
    const result = await insert(hostile);
    expect(result.affected).toBe(1);
    expect(await names()).toEqual([hostile]);
  });

  it('commits the value of the callback', async () => {
    const value = await conn.transaction(async () => {
      await insert('a');
      expect(conn.inTransaction()).toBe(true);
      return 42;
    });
    expect(value).toBe(42);
    expect(conn.inTransaction()).toBe(false);
    expect(await names()).toEqual(['a']);
  });

  it('rolls back everything and rethrows the same error instance', async () => {
    const boom = new Error('boom');
    await expect(
      conn.transaction(async () => {
        await insert('a');
        await insert('b');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await names()).toEqual([]);
  });

  it('rolls a nested transaction back to its savepoint and keeps the outer work', async () => {
    await conn.transaction(async () => {
      await insert('outer');
      await expect(
        conn.transaction(async () => {
          await insert('inner');
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await conn.transaction(async () => insert('inner-ok'));
    });
    expect(await names()).toEqual(['inner-ok', 'outer']);
  });

  it('sees its own writes inside the transaction', async () => {
    await conn.transaction(async () => {
      await insert('mine');
      expect(await names()).toEqual(['mine']);
    });
  });

  it('keeps concurrent async flows apart: a rollback in one never undoes the other', async () => {
    const failing = conn.transaction(async () => {
      await insert('doomed');
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('rollback me');
    });
    const succeeding = conn.transaction(async () => {
      await insert('kept');
    });
    const outside = insert('outside');
    await expect(failing).rejects.toThrow('rollback me');
    await succeeding;
    await outside;
    expect(await names()).toEqual(['kept', 'outside']);
  });

  it('does not let work started outside the callback join the transaction', async () => {
    const startedBefore = setTimeoutPromise(5).then(() => conn.inTransaction());
    await expect(
      conn.transaction(async () => {
        await insert('inside');
        await startedBefore;
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await startedBefore).toBe(false);
    expect(await names()).toEqual([]);
  });
});

function setTimeoutPromise(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

describeEachDialect('DatabaseConnection.onStatement', (target) => {
  it('reports the SQL of each statement, never its values, until removed', async () => {
    const conn = new DatabaseConnection({ url: target().url });
    const seen: string[] = [];
    const off = conn.onStatement((sql) => seen.push(sql));
    await conn.query(`SELECT ${conn.dialect === 'postgres' ? '$1::text' : '?'} AS secret`, [
      'hunter2',
    ]);
    off();
    await conn.query('SELECT 2 AS two');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('AS secret');
    expect(seen.join()).not.toContain('hunter2');
    await conn.close();
  });
});

describeEachDialect(
  'DatabaseConnection on a MariaDB server behind a mysql:// URL',
  (target) => {
    it('detects the server and configures TypeORM for MariaDB', async () => {
      const conn = new DatabaseConnection({ url: target().url });
      expect(target().url.startsWith('mysql://')).toBe(true);
      const source = await conn.dataSource();
      expect(source.options.type).toBe('mariadb');
      await conn.close();
    });
  },
  { only: ['mariadb'] },
);

describe('DatabaseConnection on SQLite', () => {
  it('lets the TypeORM DataSource share an in-memory database with the statements', async () => {
    const conn = new DatabaseConnection({ url: 'sqlite::memory:' });
    await conn.execute('CREATE TABLE shared_probe (id INTEGER PRIMARY KEY)');
    await conn.execute('INSERT INTO shared_probe (id) VALUES (7)');
    const source = await conn.dataSource();
    expect(await source.query('SELECT id FROM shared_probe')).toEqual([{ id: 7 }]);
    await conn.close();
  });

  it('opens files in WAL mode with foreign keys and a busy timeout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reg-'));
    const conn = new DatabaseConnection({ url: `sqlite:${dir}/nested/app.db` });
    expect(await conn.queryOne('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    expect(await conn.queryOne('PRAGMA foreign_keys')).toEqual({ foreign_keys: 1 });
    expect(await conn.queryOne('PRAGMA busy_timeout')).toEqual({ timeout: 5000 });
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describeEachDialect(
  'DatabaseConnection on a server',
  (target) => {
    it('reports an unreachable server when it opens, with the password masked', async () => {
      const url = new URL(target().url);
      url.username = 'nobody';
      url.password = 's3cret-pw';
      url.port = '1';
      const conn = new DatabaseConnection({ url: url.toString() });
      await expect(conn.open()).rejects.toBeDefined();
      expect(conn.isOpen).toBe(false);
      expect(conn.url).not.toContain('s3cret-pw');
    });
  },
  { only: ['postgres', 'mariadb'] },
);

describeEachDialect(
  'DatabaseConnection transaction isolation',
  (target) => {
    /**
     * Behaviour, not a variable: at READ COMMITTED a second read inside the transaction sees
     * a row another connection committed after the first read; at REPEATABLE READ (MariaDB's
     * default) it does not.
     */
    async function secondReadSeesConcurrentCommit(options?: { isolation: 'read committed' }) {
      const conn = new DatabaseConnection({ url: target().url });
      const other = new DatabaseConnection({ url: target().url });
      try {
        await conn.execute('CREATE TABLE IF NOT EXISTS iso_probe (id INT PRIMARY KEY)');
        await conn.execute('DELETE FROM iso_probe');
        const count = async () =>
          Number((await conn.queryOne<{ n: number }>('SELECT COUNT(*) AS n FROM iso_probe'))!.n);
        return await conn.transaction(async () => {
          expect(await count()).toBe(0);
          await other.execute('INSERT INTO iso_probe (id) VALUES (1)');
          return (await count()) === 1;
        }, options);
      } finally {
        await conn.close();
        await other.close();
      }
    }

    it('runs a transaction at READ COMMITTED when asked, and only that transaction', async () => {
      expect(await secondReadSeesConcurrentCommit({ isolation: 'read committed' })).toBe(true);
      expect(await secondReadSeesConcurrentCommit()).toBe(target().dialect === 'postgres');
    });
  },
  { only: ['postgres', 'mariadb'] },
);
