/**
 * Filter values of every logical type, converted by each query dialect's toDriver and
 * compared with what the same dialect stored (uuid, bigint beyond 2^53, decimal, date,
 * enum, json null tests, timestamp without time zone), on the raw drivers.
 */
import type { QueryDialect } from '../src/query/query-dialect.interface';
import { MysqlQueryDialect } from '../src/dialects/mysql/query';
import { PostgresQueryDialect } from '../src/dialects/postgres/query';
import { SqliteQueryDialect } from '../src/dialects/sqlite/query';
import type { FieldMetadata, LogicalType } from '../src/interfaces/model-metadata.interface';
import {
  Agg,
  aggregateResult,
  compileAggregate,
  compileWhere,
  SqlParams,
  type Where,
} from '../src/query';
import { describeEachDialect, type DialectTarget } from '../../../test/support/dialects';
import { fieldMetadata, modelMetadata } from './support/metadata';

interface Typed {
  id: number;
  ref: string;
  big: bigint | number | string;
  price: number | string; // decimals may be kept as strings
  day: Date;
  kind: 'a' | 'b' | 'c';
  meta: Record<string, unknown> | unknown[] | null;
  stamp: Date | null;
}

const field = (property: string, type: LogicalType, extra: Partial<FieldMetadata> = {}) =>
  fieldMetadata(property, type, { isKey: property === 'id', ...extra });

const fields = [
  field('id', 'integer'),
  field('ref', 'uuid'),
  field('big', 'bigint'),
  field('price', 'decimal', { precision: 10, scale: 2 }),
  field('day', 'date'),
  field('kind', 'enum', { enumValues: ['a', 'b', 'c'] }),
  field('meta', 'json', { nullable: true }),
  field('stamp', 'datetime', { nullable: true, timezone: false }),
];

const typed = modelMetadata<Typed>('Typed', 'q_typed', fields);

const uuid = (n: number) => `aaaaaaaa-0000-4000-8000-00000000000${n}`;
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

const ROWS: Array<[number, string, bigint | number, number, Date, string, unknown, Date | null]> = [
  [
    1,
    uuid(1),
    9007199254740993n,
    10.5,
    day('2024-01-02'),
    'a',
    { x: 1 },
    new Date('2024-01-01T10:00:00.123Z'),
  ],
  [2, uuid(2), -5, 0.1, day('2024-01-03'), 'b', null, null],
  [3, uuid(3), 0, 99.99, day('2023-12-31'), 'c', [1, 2], new Date('2024-06-01T00:00:00.000Z')],
  [4, uuid(4), 1, 10.25, day('2024-02-29'), 'a', { y: 'z' }, new Date('2024-01-01T10:00:00.122Z')],
];

const DDL: Record<DialectTarget['dialect'], string> = {
  sqlite: `CREATE TABLE q_typed (id INTEGER PRIMARY KEY, ref TEXT NOT NULL, big INTEGER NOT NULL, price REAL NOT NULL,
    day TEXT NOT NULL, kind TEXT NOT NULL, meta TEXT NULL, stamp TEXT NULL)`,
  postgres: `CREATE TABLE q_typed (id integer PRIMARY KEY, ref uuid NOT NULL, big bigint NOT NULL, price numeric(10,2) NOT NULL,
    day date NOT NULL, kind varchar(10) NOT NULL, meta jsonb NULL, stamp timestamp(3) NULL)`,
  mariadb: `CREATE TABLE q_typed (id int PRIMARY KEY, ref char(36) NOT NULL, big bigint NOT NULL, price decimal(10,2) NOT NULL,
    day date NOT NULL, kind varchar(10) NOT NULL, meta longtext NULL, stamp datetime(3) NULL)
    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
};

async function openRaw(target: DialectTarget) {
  if (target.dialect === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(target.url.slice('sqlite:'.length));
    return {
      query: async (sql: string, params: unknown[]) => {
        const stmt = db.prepare(sql);
        if (stmt.reader) return stmt.all(...params) as Array<Record<string, unknown>>;
        stmt.run(...params);
        return [];
      },
      close: async () => void db.close(),
    };
  }
  if (target.dialect === 'postgres') {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: target.url });
    client.on('error', () => undefined); // the matrix may drop the database first
    await client.connect();
    return {
      query: async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows,
      close: () => client.end().catch(() => undefined),
    };
  }
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: target.url, timezone: 'Z', charset: 'utf8mb4' });
  return {
    query: async (sql: string, params: unknown[]) => {
      const [rows] = await conn.execute(sql, params as any[]);
      return Array.isArray(rows) ? (rows as Array<Record<string, unknown>>) : [];
    },
    close: () => conn.end(),
  };
}

function queryDialect(target: DialectTarget): QueryDialect {
  if (target.dialect === 'sqlite') return new SqliteQueryDialect();
  if (target.dialect === 'postgres') return new PostgresQueryDialect();
  return new MysqlQueryDialect();
}

describeEachDialect('typed filter values on the raw driver', (target) => {
  let db: Awaited<ReturnType<typeof openRaw>>;
  let dialect: QueryDialect;

  beforeAll(async () => {
    dialect = queryDialect(target());
    db = await openRaw(target());
    await db.query(DDL[target().dialect], []);
    for (const row of ROWS) {
      const params = new SqlParams(dialect);
      const values = row.map((v, i) => params.add(dialect.toDriver(fields[i], v))).join(', ');
      await db.query(`INSERT INTO q_typed VALUES (${values})`, params.values);
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  async function select(where: Where<Typed>): Promise<number[]> {
    const params = new SqlParams(dialect);
    const condition = compileWhere(typed, where, dialect, params);
    const rows = await db.query(
      `SELECT id FROM q_typed WHERE ${condition} ORDER BY id`,
      params.values,
    );
    return rows.map((r) => Number(r.id));
  }

  const cases: Array<[string, Where<Typed>, number[]]> = [
    ['uuid equality ignores the case of the input', { ref: uuid(1).toUpperCase() }, [1]],
    ['uuid in', { ref__in: [uuid(2), uuid(4)] }, [2, 4]],
    ['bigint beyond 2^53 as a bigint', { big: 9007199254740993n }, [1]],
    ['bigint beyond 2^53 as a digit string', { big: '9007199254740993' }, [1]],
    ['bigint neighbour beyond 2^53 does not match', { big: '9007199254740992' }, []],
    ['bigint comparisons with numbers', { big__gt: 0 }, [1, 4]],
    ['bigint negative', { big__lt: 0 }, [2]],
    ['decimal equality with a number', { price: 0.1 }, [2]],
    ['decimal equality with a decimal string', { price: '10.25' }, [4]],
    ['decimal range', { price__between: [10, 11] }, [1, 4]],
    ['decimal gt with a string', { price__gt: '10.49' }, [1, 3]],
    ['date equality with an ISO day', { day: '2024-01-02' }, [1]],
    ['date equality with a Date at UTC midnight', { day: day('2024-02-29') }, [4]],
    ['date range across a year end', { day__between: ['2023-12-31', '2024-01-02'] }, [1, 3]],
    ['date lt', { day__lt: day('2024-01-01') }, [3]],
    [
      'date equality with a Date that has a time of day',
      { day: new Date('2024-01-02T15:30:00Z') },
      [1],
    ],
    ['enum in', { kind__in: ['a', 'c'] }, [1, 3, 4]],
    ['enum not', { kind__not: 'a' }, [2, 3]],
    ['json is_null', { meta__is_null: true }, [2]],
    ['json eq null', { meta: null }, [2]],
    ['json not null', { meta__not: null }, [1, 3, 4]],
    [
      'timestamp without time zone keeps milliseconds',
      { stamp: new Date('2024-01-01T10:00:00.123Z') },
      [1],
    ],
    ['timestamp range', { stamp__lt: '2024-01-01T10:00:00.123Z' }, [4]],
    ['timestamp null', { stamp: null }, [2]],
  ];

  it.each(cases)('%s', async (_label, where, expected) => {
    expect(await select(where)).toEqual(expected);
  });

  it('aggregates bigint and decimal columns to JS numbers', async () => {
    const aggs = {
      count: Agg.count<Typed>('meta'),
      bigMax: Agg.max<Typed>('big', { big__lt: 100 }),
      priceSum: Agg.sum<Typed>('price'),
      priceAvg: Agg.avg<Typed>('price', { kind: 'a' }),
      priceMin: Agg.min<Typed>('price'),
    };
    const params = new SqlParams(dialect);
    const labels = Object.keys(aggs) as Array<keyof typeof aggs>;
    const sql = labels
      .map((l, i) => `${compileAggregate(typed, aggs[l], dialect, params)} AS a${i}`)
      .join(', ');
    const [row] = await db.query(`SELECT ${sql} FROM q_typed`, params.values);
    const result = Object.fromEntries(
      labels.map((l, i) => [l, aggregateResult(typed, aggs[l], row[`a${i}`])]),
    );
    expect(result.count).toBe(3);
    expect(result.bigMax).toBe(1);
    // SQLite stores decimals as REAL, so sums are binary floating point there.
    expect(result.priceSum).toBeCloseTo(120.84, 9);
    expect(result.priceAvg).toBeCloseTo(10.375, 9);
    expect(result.priceMin).toBe(0.1);
  });
});
