/**
 * Compiled conditions run through each raw driver (better-sqlite3, pg, mysql2) against the
 * same rows: mixed case, `%`, `_`, `!`, `\`, GLOB characters, unicode, SQL-looking text and
 * NULLs. Every case asserts one expected result, so the three dialects agree with each other.
 */
import type { QueryDialect } from '../src/query/query-dialect.interface';
import { MysqlQueryDialect } from '../src/dialects/mysql/query';
import { PostgresQueryDialect } from '../src/dialects/postgres/query';
import { SqliteQueryDialect } from '../src/dialects/sqlite/query';
import type { LogicalType } from '../src/interfaces/model-metadata.interface';
import {
  Agg,
  aggregateResult,
  compileAggregate,
  compileOrderBy,
  compileWhere,
  Q,
  SqlParams,
  type AggregateDescriptor,
  type QueryNode,
  type Where,
} from '../src/query';
import { describeEachDialect, type DialectTarget } from '../../../test/support/dialects';
import { fieldMetadata, modelMetadata } from './support/metadata';

interface Item {
  id: number;
  name: string;
  nickname: string | null;
  age: number | null;
  score: number | null;
  active: boolean;
  createdAt: Date | null;
}

const field = (property: string, column: string, type: LogicalType, nullable: boolean) =>
  fieldMetadata(property, type, { column, nullable, isKey: property === 'id' });

const fields = [
  field('id', 'id', 'integer', false),
  field('name', 'name', 'string', false),
  field('nickname', 'nickname', 'string', true),
  field('age', 'age', 'integer', true),
  field('score', 'score', 'double', true),
  field('active', 'active', 'boolean', false),
  field('createdAt', 'created_at', 'datetime', true),
];

const items = modelMetadata<Item>('Item', 'q_items', fields);

const d = (iso: string) => new Date(iso);
const EVIL = "Robert'); DROP TABLE q_items;--";

// [id, name, nickname, age, score, active, createdAt]
const ROWS: Array<
  [number, string, string | null, number | null, number | null, boolean, Date | null]
> = [
  [1, 'Alice', 'ally', 30, 1.5, true, d('2024-01-01T00:00:00.000Z')],
  [2, 'alice', null, 25, 2.5, false, d('2024-02-01T12:00:00.000Z')],
  [3, 'ALICE', 'AL', null, null, true, null],
  [4, 'Bob', null, 40, 10, true, d('2024-03-01T00:00:00.000Z')],
  [5, 'bob_smith', 'Bobby', 17, 0, false, d('2023-12-31T23:59:59.999Z')],
  [6, 'bob%jones', null, 18, -1.25, true, d('2024-01-15T08:30:00.000Z')],
  [7, '100%', 'pct', 100, 100, false, d('2024-01-01T00:00:00.001Z')],
  [8, '50_50', null, 50, 50.5, true, null],
  [9, 'a!b', 'bang', 1, null, false, null],
  [10, 'Émile', null, 60, 6, true, null],
  [11, 'émile', 'Em', 61, 6, false, null],
  [12, 'emile', null, 62, 6, true, null],
  [13, 'Straße', 'street', 13, null, false, null],
  [14, 'Zoë', null, 14, null, true, null],
  [15, '日本語テキスト', null, 15, null, false, null],
  [16, EVIL, "'; --", 16, null, true, null],
  [17, 'x[y]*?z', null, 17, null, false, null],
  [18, 'back\\slash', null, 18, null, true, null],
  [19, '', null, 19, null, false, null],
  [20, 'Alice ', null, 20, null, true, null],
  [21, '😀 emoji', '😀', 21, null, false, null],
];
const ALL = ROWS.map((r) => r[0]);
const except = (...ids: number[]) => ALL.filter((id) => !ids.includes(id));
const ids = (pick: (row: (typeof ROWS)[number]) => boolean) => ROWS.filter(pick).map((r) => r[0]);

const DDL: Record<DialectTarget['dialect'], string> = {
  sqlite: `CREATE TABLE q_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, nickname TEXT NULL,
    age INTEGER NULL, score REAL NULL, active INTEGER NOT NULL, created_at TEXT NULL)`,
  postgres: `CREATE TABLE q_items (id integer PRIMARY KEY, name varchar(100) NOT NULL, nickname varchar(100) NULL,
    age integer NULL, score double precision NULL, active boolean NOT NULL, created_at timestamptz NULL)`,
  mariadb: `CREATE TABLE q_items (id int PRIMARY KEY, name varchar(100) NOT NULL, nickname varchar(100) NULL,
    age int NULL, score double NULL, active tinyint(1) NOT NULL, created_at datetime(3) NULL, INDEX (name))
    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
};

interface RawDb {
  query(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

async function openRaw(target: DialectTarget): Promise<RawDb> {
  if (target.dialect === 'sqlite') {
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(target.url.slice('sqlite:'.length));
    return {
      query: async (sql, params) => {
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
    // The matrix drops the database WITH (FORCE) after the suite, possibly before close().
    client.on('error', () => undefined);
    await client.connect();
    return {
      query: async (sql, params) => (await client.query(sql, params)).rows,
      close: () => client.end().catch(() => undefined),
    };
  }
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ uri: target.url, timezone: 'Z', charset: 'utf8mb4' });
  return {
    query: async (sql, params) => {
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

/** A JS model of LIKE without an escape character: `%` any run, `_` one code point. */
function likeOracle(
  pattern: string,
  fold: (s: string) => string = (s) => s,
): (value: string) => boolean {
  let source = '';
  for (const ch of fold(pattern)) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  const re = new RegExp(`^${source}$`, 'su');
  return (value) => re.test(fold(value));
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

describeEachDialect('query compilation on the raw driver', (target) => {
  let db: RawDb;
  let dialect: QueryDialect;

  beforeAll(async () => {
    dialect = queryDialect(target());
    db = await openRaw(target());
    await db.query(DDL[target().dialect], []);
    const columns = fields.map((f) => dialect.quoteIdentifier(f.column)).join(', ');
    for (const row of ROWS) {
      const params = new SqlParams(dialect);
      const values = row.map((v, i) => params.add(dialect.toDriver(fields[i], v))).join(', ');
      await db.query(`INSERT INTO q_items (${columns}) VALUES (${values})`, params.values);
    }
  });

  afterAll(async () => {
    await db?.close();
  });

  async function select(
    where: Where<Item> | QueryNode<Item> | undefined,
    tail = ' ORDER BY id',
  ): Promise<number[]> {
    const params = new SqlParams(dialect);
    const condition = compileWhere(items, where, dialect, params);
    const sql = `SELECT id FROM q_items${condition ? ` WHERE ${condition}` : ''}${tail}`;
    const rows = await db.query(sql, params.values);
    return rows.map((r) => Number(r.id));
  }

  it('stores every row (the fixture itself)', async () => {
    expect(await select(undefined)).toEqual(ALL);
    const [row] = await db.query(
      `SELECT name FROM q_items WHERE id = ${dialect.placeholder(1)}`,
      [16],
    );
    expect(row.name).toBe(EVIL);
  });

  const cases: Array<[string, Where<Item> | QueryNode<Item>, number[]]> = [
    // equality and nulls
    ['eq matches exactly, case and trailing spaces included', { name: 'Alice' }, [1]],
    ['eq is accent-sensitive', { name: 'emile' }, [12]],
    ['eq matches the empty string', { name: '' }, [19]],
    ['eq matches an SQL-looking string literally', { name: EVIL }, [16]],
    ['eq matches astral unicode', { nickname: '😀' }, [21]],
    ['eq null is IS NULL', { nickname: null }, ids((r) => r[2] === null)],
    ['not null is IS NOT NULL', { nickname__not: null }, ids((r) => r[2] !== null)],
    [
      'not excludes the value and NULLs',
      { nickname__not: 'ally' },
      ids((r) => r[2] !== null && r[2] !== 'ally'),
    ],
    ['not on text is case-sensitive', { name__not: 'alice' }, except(2)],
    ['eq on a boolean', { active: true }, ids((r) => r[5])],
    ['eq on a double', { score: 6 }, [10, 11, 12]],
    // ordering comparisons
    ['gt on integers skips NULLs', { age__gt: 50 }, [7, 10, 11, 12]],
    ['gte and lte combine', { age__gte: 17, age__lte: 19 }, [5, 6, 17, 18, 19]],
    ['lt on doubles with negatives', { score__lt: 1.5 }, [5, 6]],
    ['lt on text uses code point order', { name__lt: 'B' }, [1, 3, 7, 8, 19, 20]],
    ['gte on text is case-sensitive', { name__gte: 'z' }, [10, 11, 15, 21]],
    [
      'gte on datetimes with a Date',
      { createdAt__gte: d('2024-01-01T00:00:00.000Z') },
      [1, 2, 4, 6, 7],
    ],
    [
      'lt on datetimes with an ISO string keeps milliseconds',
      { createdAt__lt: '2024-01-01T00:00:00.001Z' },
      [1, 5],
    ],
    ['between on integers is inclusive', { age__between: [14, 17] }, [5, 14, 15, 16, 17]],
    ['between on text uses code point order', { name__between: ['a', 'b'] }, [2, 9]],
    ['between on datetimes', { createdAt__between: ['2024-01-01', '2024-01-31'] }, [1, 6, 7]],
    // lists
    ['in matches listed values exactly', { name__in: ['alice', 'Bob', 'nope'] }, [2, 4]],
    [
      'in with null also matches NULL',
      { nickname__in: ['ally', null] },
      ids((r) => r[2] === null || r[2] === 'ally'),
    ],
    ['empty in matches nothing', { age__in: [] }, []],
    ['empty not_in matches everything', { age__not_in: [] }, ALL],
    ['not_in excludes listed values exactly', { name__not_in: ['Alice', 'alice'] }, except(1, 2)],
    ['not_in on integers skips NULLs', { age__not_in: [30, 25] }, except(1, 2, 3)],
    [
      'not_in with null excludes NULLs',
      { nickname__not_in: ['ally', null] },
      ids((r) => r[2] !== null && r[2] !== 'ally'),
    ],
    ['is_null true', { age__is_null: true }, [3]],
    ['is_null false', { createdAt__is_null: false }, [1, 2, 4, 5, 6, 7]],
    // like / ilike: patterns as given, no escape character
    ['like is case-sensitive', { name__like: 'A%' }, [1, 3, 20]],
    ['like _ matches one character', { name__like: '_ob' }, [4]],
    ['like _ matches a wildcard character too', { name__like: 'bob_%' }, [5, 6]],
    ['like _ matches one non-ASCII character', { name__like: 'Zo_' }, [14]],
    ['like _ matches one astral character', { name__like: '_ emoji' }, [21]],
    ['like has no escape character: ! is literal', { name__like: '%!%' }, [9]],
    ['like has no escape character: \\ is literal', { name__like: 'back\\%' }, [18]],
    ['like treats GLOB characters literally', { name__like: 'x[y]*?z' }, [17]],
    ['like with only % matches every row', { name__like: '%' }, ALL],
    ['like suffix pattern', { name__like: '%e' }, [1, 2, 10, 11, 12, 13]],
    ['ilike ignores ASCII case', { name__ilike: 'alice' }, [1, 2, 3]],
    ['ilike with wildcards', { name__ilike: '%BOB%' }, [4, 5, 6]],
    ['ilike is accent-sensitive', { name__ilike: 'emile' }, [12]],
    // contains / startswith / endswith: literal text, case-sensitive
    ['contains %', { name__contains: '%' }, [6, 7]],
    ['contains _ (q_items in the SQL-looking row has one)', { name__contains: '_' }, [5, 8, 16]],
    ['contains !', { name__contains: '!' }, [9]],
    ['contains is case-sensitive', { name__contains: 'li' }, [1, 2, 20]],
    ['contains upper case only', { name__contains: 'LI' }, [3]],
    ['contains an SQL fragment literally', { name__contains: "'); DROP" }, [16]],
    ['contains a backslash', { name__contains: '\\' }, [18]],
    ['contains GLOB characters', { name__contains: '[y]*?' }, [17]],
    ['contains ß', { name__contains: 'ß' }, [13]],
    ['contains an accented capital only', { name__contains: 'É' }, [10]],
    ['contains an emoji', { name__contains: '😀' }, [21]],
    ['contains the empty string matches every row', { name__contains: '' }, ALL],
    ['startswith a literal %', { name__startswith: 'bob%' }, [6]],
    ['startswith a literal _', { name__startswith: 'bob_' }, [5]],
    ['startswith digits and _', { name__startswith: '50_' }, [8]],
    ['startswith is case-sensitive', { name__startswith: 'a' }, [2, 9]],
    ['startswith a non-ASCII capital', { name__startswith: 'É' }, [10]],
    ['startswith CJK', { name__startswith: '日本' }, [15]],
    ['endswith a literal %', { name__endswith: '%' }, [7]],
    ['endswith is case-sensitive', { name__endswith: 'ice' }, [1, 2]],
    ['endswith a space', { name__endswith: ' ' }, [20]],
    ['endswith a capital', { name__endswith: 'E' }, [3]],
    // icontains / istartswith / iendswith: literal text, case-insensitive
    ['icontains ignores case', { name__icontains: 'LI' }, [1, 2, 3, 20]],
    ['icontains takes % literally', { name__icontains: '%' }, [6, 7]],
    ['icontains takes _ literally', { name__icontains: '_' }, [5, 8, 16]],
    ['istartswith ignores case', { name__istartswith: 'BOB' }, [4, 5, 6]],
    ['istartswith takes _ literally', { name__istartswith: 'BOB_' }, [5]],
    ['iendswith ignores case', { name__iendswith: 'ICE' }, [1, 2, 3]],
    // Q groups
    ['Q or', Q<Item>({ name: 'Bob' }).or({ age__lt: 14 }), [4, 9, 13]],
    ['Q and', Q<Item>({ active: true }).and({ age__gte: 50 }), [8, 10, 12]],
    [
      'Q not (NULLs stay out, as in SQL)',
      Q.not<Item>({ age__gt: 20 }),
      [5, 6, 9, 13, 14, 15, 16, 17, 18, 19, 20],
    ],
    ['Q.not of is_null', Q.not<Item>({ nickname__is_null: true }), ids((r) => r[2] !== null)],
    [
      'nested Q groups',
      Q.and<Item>(
        Q.or<Item>({ name__startswith: 'bob' }, { name__contains: '%' }),
        Q.not<Item>({ active: false }),
      ),
      [6],
    ],
    ['Q.or of nothing matches nothing', Q.or<Item>(), []],
    ['Q.and of nothing matches everything', Q.and<Item>(), ALL],
    ['Q.or with an empty where matches everything', Q.or<Item>({}, { name: 'x' }), ALL],
    [
      'Q with text equality inside not',
      Q.not<Item>({ name__in: ['Alice', 'alice', 'ALICE'] }),
      except(1, 2, 3),
    ],
  ];

  it.each(cases)('%s', async (_label, where, expected) => {
    expect(await select(where)).toEqual(expected);
  });

  it('ilike folds non-ASCII case on PostgreSQL and MariaDB, ASCII only on SQLite (documented)', async () => {
    const unicodeFolds = target().dialect !== 'sqlite';
    expect(await select({ name__ilike: 'ÉMILE' })).toEqual(unicodeFolds ? [10, 11] : [10]);
    expect(await select({ name__ilike: 'zoË' })).toEqual(unicodeFolds ? [14] : []);
  });

  it('agrees with a JS model of LIKE for patterns built from every row', async () => {
    const pieces = new Set<string>([
      '%',
      '_',
      '!',
      '\\',
      '[',
      ']',
      '*',
      '?',
      "'",
      ';',
      ' ',
      'ß',
      'ë',
      '😀',
      'E',
      'e',
    ]);
    for (const [, name] of ROWS) {
      const chars = [...name];
      if (chars.length === 0) continue;
      pieces.add(chars.slice(0, 2).join(''));
      pieces.add(chars.slice(-2).join(''));
      pieces.add(chars.slice(1, 3).join(''));
    }
    const names = ROWS.map((r) => [r[0], r[1]] as const);
    // ilike folds ASCII only on SQLite; PostgreSQL and MariaDB fold unicode letters too.
    const fold = target().dialect === 'sqlite' ? asciiLower : (s: string) => s.toLowerCase();
    const mismatches: string[] = [];
    for (const piece of pieces) {
      const checks: Array<[Where<Item>, (name: string) => boolean]> = [
        [{ name__contains: piece }, (n) => n.includes(piece)],
        [{ name__startswith: piece }, (n) => n.startsWith(piece)],
        [{ name__endswith: piece }, (n) => n.endsWith(piece)],
        [
          { name__icontains: piece.toUpperCase() },
          (n) => fold(n).includes(fold(piece.toUpperCase())),
        ],
        [{ name__like: `%${piece}%` }, likeOracle(`%${piece}%`)],
        [{ name__like: `_${piece}%` }, likeOracle(`_${piece}%`)],
        [{ name__ilike: `%${fold(piece)}%` }, likeOracle(`%${fold(piece)}%`, fold)],
        [{ name__ilike: `%${piece.toUpperCase()}%` }, likeOracle(`%${piece.toUpperCase()}%`, fold)],
      ];
      for (const [where, oracle] of checks) {
        const expected = names.filter(([, n]) => oracle(n)).map(([id]) => id);
        const actual = await select(where);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          mismatches.push(
            `${JSON.stringify(where)} → ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with the JS model on random strings and patterns made of special characters', async () => {
    const alphabet = [
      'a',
      'A',
      'b',
      '%',
      '_',
      '!',
      '!!',
      '[',
      ']',
      '*',
      '?',
      '\\',
      "'",
      'é',
      'É',
      '😀',
      ' ',
    ];
    let seed = 20240601;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (max: number) =>
      Array.from({ length: random(max) + 1 }, () => alphabet[random(alphabet.length)]).join('');
    const words = Array.from({ length: 60 }, (_, i) => [1000 + i, word(6)] as const);
    await db.query('CREATE TABLE q_fuzz (id integer PRIMARY KEY, name varchar(100) NOT NULL)', []);
    for (const [id, name] of words) {
      const params = new SqlParams(dialect);
      await db.query(
        `INSERT INTO q_fuzz (id, name) VALUES (${params.add(id)}, ${params.add(name)})`,
        params.values,
      );
    }
    const fuzz = { ...items, table: 'q_fuzz' };
    const mismatches: string[] = [];
    let matched = 0;
    for (let i = 0; i < 120; i++) {
      const probe = word(3);
      const checks: Array<[Where<Item>, (name: string) => boolean]> = [
        [{ name__contains: probe }, (n) => n.includes(probe)],
        [{ name__startswith: probe }, (n) => n.startsWith(probe)],
        [{ name__endswith: probe }, (n) => n.endsWith(probe)],
        [{ name__like: probe }, likeOracle(probe)],
        [{ name__like: `%${probe}_` }, likeOracle(`%${probe}_`)],
      ];
      for (const [where, oracle] of checks) {
        const params = new SqlParams(dialect);
        const condition = compileWhere(fuzz, where, dialect, params);
        const rows = await db.query(
          `SELECT id FROM q_fuzz WHERE ${condition} ORDER BY id`,
          params.values,
        );
        const actual = rows.map((r) => Number(r.id));
        const expected = words.filter(([, n]) => oracle(n)).map(([id]) => id);
        if (expected.length > 0) matched++;
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          mismatches.push(
            `${JSON.stringify(where)} → ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(matched).toBeGreaterThan(100); // the probes do hit rows, so agreement means something
  });

  it('orders text by code point and NULLs first ascending, last descending', async () => {
    const byName = await select(undefined, compileOrderBy(items, ['name', 'id'], dialect));
    const expectedByName = [...ROWS]
      .sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]))
      .map((r) => r[0]);
    expect(byName).toEqual(expectedByName);

    const nicknames = ROWS.filter((r) => r[2] !== null)
      .sort((a, b) => (a[2]! < b[2]! ? -1 : 1))
      .map((r) => r[0]);
    const nulls = ids((r) => r[2] === null);
    expect(await select(undefined, compileOrderBy(items, ['nickname', 'id'], dialect))).toEqual([
      ...nulls,
      ...nicknames,
    ]);
    expect(await select(undefined, compileOrderBy(items, ['-nickname', 'id'], dialect))).toEqual([
      ...[...nicknames].reverse(),
      ...nulls,
    ]);
  });

  it('pages with LIMIT/OFFSET, including an offset alone', async () => {
    const order = compileOrderBy(items, 'id', dialect);
    expect(await select({ age__gte: 10 }, order + dialect.limitOffset(3, 2))).toEqual([4, 5, 6]);
    expect(await select(undefined, order + dialect.limitOffset(undefined, 18))).toEqual([
      19, 20, 21,
    ]);
    expect(await select(undefined, order + dialect.limitOffset(0))).toEqual([]);
  });

  it('computes aggregates, filtered ones included, as the same JS values', async () => {
    const aggs: Record<string, AggregateDescriptor<Item>> = {
      rows: Agg.count<Item>(),
      withAge: Agg.count<Item>('age'),
      adults: Agg.count<Item>('id', { age__gte: 18 }),
      ageSum: Agg.sum<Item>('age'),
      scoreAvg: Agg.avg<Item>('score'),
      activeScoreSum: Agg.sum<Item>('score', Q<Item>({ active: true })),
      firstName: Agg.min<Item>('name'),
      lastName: Agg.max<Item>('name', { name__not: '😀 emoji' }),
      maxAge: Agg.max<Item>('age'),
      noneSum: Agg.sum<Item>('age', { age__in: [] }),
    };
    const params = new SqlParams(dialect);
    const labels = Object.keys(aggs);
    const select = labels
      .map((label, i) => `${compileAggregate(items, aggs[label], dialect, params)} AS a${i}`)
      .join(', ');
    const [row] = await db.query(`SELECT ${select} FROM q_items`, params.values);
    const result = Object.fromEntries(
      labels.map((label, i) => [label, aggregateResult(items, aggs[label], row[`a${i}`])]),
    );
    const ages = ROWS.map((r) => r[3]).filter((a): a is number => a !== null);
    const scores = ROWS.map((r) => r[4]).filter((s): s is number => s !== null);
    expect(result).toEqual({
      rows: 21,
      withAge: 20,
      adults: ROWS.filter((r) => r[3] !== null && r[3] >= 18).length,
      ageSum: ages.reduce((a, b) => a + b, 0),
      scoreAvg: scores.reduce((a, b) => a + b, 0) / scores.length,
      activeScoreSum: 1.5 + 10 - 1.25 + 50.5 + 6 + 6,
      firstName: '',
      lastName: '日本語テキスト',
      maxAge: 100,
      noneSum: null,
    });
  });

  it('runs the longest allowed patterns, worst cases for SQLite GLOB rewriting included', async () => {
    expect(await select({ name__contains: '['.repeat(4096) })).toEqual([]);
    expect(await select({ name__endswith: '😀'.repeat(2048) })).toEqual([]);
    expect(await select({ name__like: `%${'日'.repeat(4094)}%` })).toEqual([]);
    expect(await select({ name__ilike: '%'.repeat(4096) })).toEqual(ALL);
    expect(await select({ name__startswith: '%_!'.repeat(1365) })).toEqual([]);
  });

  it('runs a 10000-value in list', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => i + 5);
    expect(await select({ age__in: many })).toEqual(ids((r) => r[3] !== null && r[3] >= 5));
    const names = [...ROWS.map((r) => r[1]), ...Array.from({ length: 9_000 }, (_, i) => `n${i}`)];
    expect(await select({ name__in: names })).toEqual(ALL);
  });

  it('leaves the table intact after SQL-looking values', async () => {
    await select({
      name: "x'); DROP TABLE q_items; --",
      nickname__in: ["'; DELETE FROM q_items; --"],
    });
    await select({ name__contains: "%' OR '1'='1" });
    expect(await select(undefined)).toEqual(ALL);
  });
});
