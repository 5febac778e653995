import { InvalidQueryError } from '../src/errors';
import type {
  FieldMetadata,
  LogicalType,
  ModelMetadata,
} from '../src/interfaces/model-metadata.interface';
import type { QueryDialect } from '../src/query/query-dialect.interface';
import { MysqlQueryDialect } from '../src/dialects/mysql/query';
import { PostgresQueryDialect } from '../src/dialects/postgres/query';
import { SqliteQueryDialect } from '../src/dialects/sqlite/query';
import {
  Agg,
  type AggregateDescriptor,
  type QueryNode,
  aggregateResult,
  compileAggregate,
  compileOrderBy,
  compileWhere,
  Q,
  SqlParams,
  validateQueryOptions,
  type Where,
} from '../src/query';
import { fieldMetadata, modelMetadata } from './support/metadata';

const field = (property: string, type: LogicalType, extra: Partial<FieldMetadata> = {}) =>
  fieldMetadata(property, type, {
    column: property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
    ...extra,
  });

const model = (name: string, fields: FieldMetadata[]): ModelMetadata =>
  modelMetadata(name, `${name.toLowerCase()}s`, fields);

interface User {
  id?: number;
  name: string;
  age: number;
  score: number;
  active: boolean;
  createdAt: Date;
  nickname?: string | null;
  role: 'admin' | 'user';
  secret: string;
  password: string;
  settings: Record<string, unknown>;
  ref: string;
  big: string;
}

const users = model('User', [
  field('id', 'integer', { isKey: true, idStrategy: 'autoincrement' }),
  field('name', 'string'),
  field('age', 'integer'),
  field('score', 'double'),
  field('active', 'boolean'),
  field('createdAt', 'datetime'),
  field('nickname', 'string', { nullable: true }),
  field('role', 'enum', { enumValues: ['admin', 'user'] }),
  field('secret', 'string', { encrypted: true }),
  field('password', 'string', { hashPassword: true }),
  field('settings', 'json'),
  field('ref', 'uuid'),
  field('big', 'bigint'),
]);

const sqlite = new SqliteQueryDialect();
const postgres = new PostgresQueryDialect();
const mysql = new MysqlQueryDialect();

function compile(where: Where<User> | QueryNode<User> | undefined, dialect: QueryDialect = sqlite) {
  const params = new SqlParams(dialect);
  const sql = compileWhere(users, where, dialect, params);
  return { sql, values: params.values };
}

function queryError(fn: () => unknown): InvalidQueryError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidQueryError);
    return error as InvalidQueryError;
  }
  throw new Error('expected an InvalidQueryError, nothing was thrown');
}

const badWhere = (where: unknown) => queryError(() => compile(where as Where<User>));

describe('query dialects', () => {
  it('quote identifiers with the dialect quote and double embedded quotes', () => {
    expect(sqlite.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(postgres.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(mysql.quoteIdentifier('we`ird')).toBe('`we``ird`');
  });

  it('number PostgreSQL placeholders and use ? elsewhere', () => {
    expect(postgres.placeholder(3)).toBe('$3');
    expect(sqlite.placeholder(3)).toBe('?');
    expect(mysql.placeholder(3)).toBe('?');
  });

  it('write LIMIT/OFFSET, including an offset without a limit', () => {
    expect(sqlite.limitOffset()).toBe('');
    expect(sqlite.limitOffset(10, 5)).toBe(' LIMIT 10 OFFSET 5');
    expect(sqlite.limitOffset(undefined, 5)).toBe(' LIMIT -1 OFFSET 5');
    expect(postgres.limitOffset(undefined, 5)).toBe(' OFFSET 5');
    expect(postgres.limitOffset(0)).toBe(' LIMIT 0');
    expect(mysql.limitOffset(undefined, 5)).toBe(' LIMIT 18446744073709551615 OFFSET 5');
  });

  it('refuse a limit that is not a non-negative integer even when called directly', () => {
    for (const dialect of [sqlite, postgres, mysql]) {
      expect(() => dialect.limitOffset(-1)).toThrow(RangeError);
      expect(() => dialect.limitOffset(1.5)).toThrow(RangeError);
      expect(() => dialect.limitOffset(undefined, Number.NaN)).toThrow(RangeError);
    }
  });

  it('convert booleans, dates, json and uuids to what each driver stores', () => {
    const when = new Date('2024-03-01T10:20:30.456Z');
    expect(sqlite.toDriver(users.fieldsByProperty.get('active')!, true)).toBe(1);
    expect(mysql.toDriver(users.fieldsByProperty.get('active')!, false)).toBe(0);
    expect(postgres.toDriver(users.fieldsByProperty.get('active')!, true)).toBe(true);
    expect(sqlite.toDriver(users.fieldsByProperty.get('createdAt')!, when)).toBe(
      '2024-03-01T10:20:30.456Z',
    );
    expect(postgres.toDriver(users.fieldsByProperty.get('createdAt')!, when)).toBe(
      '2024-03-01T10:20:30.456Z',
    );
    expect(mysql.toDriver(users.fieldsByProperty.get('createdAt')!, when)).toBe(
      '2024-03-01 10:20:30.456',
    );
    expect(postgres.toDriver(field('day', 'date'), when)).toBe('2024-03-01');
    expect(postgres.toDriver(users.fieldsByProperty.get('settings')!, [1, 2])).toBe('[1,2]');
    expect(
      sqlite.toDriver(users.fieldsByProperty.get('ref')!, 'ABCDEF00-0000-4000-8000-000000000000'),
    ).toBe('abcdef00-0000-4000-8000-000000000000');
    expect(sqlite.toDriver(users.fieldsByProperty.get('nickname')!, null)).toBeNull();
  });
});

describe('compileWhere', () => {
  it('returns an empty condition for no filter and for an empty object', () => {
    expect(compile(undefined)).toEqual({ sql: '', values: [] });
    expect(compile({})).toEqual({ sql: '', values: [] });
  });

  it('binds every value and joins keys with AND', () => {
    expect(compile({ name: 'Ada', age__gte: 18 })).toEqual({
      sql: '"name" = ? AND "age" >= ?',
      values: ['Ada', 18],
    });
    expect(compile({ name: 'Ada', age__gte: 18 }, postgres)).toEqual({
      sql: '"name" = $1 AND "age" >= $2',
      values: ['Ada', 18],
    });
    expect(compile({ age: 3 }, mysql).sql).toBe('`age` = ?');
  });

  it('compares text exactly on MySQL/MariaDB: an indexable = first, then the exact byte test', () => {
    expect(compile({ name: 'Ada' }, mysql)).toEqual({
      sql: '`name` = ? AND CAST(`name` AS BINARY) = CAST(? AS BINARY)',
      values: ['Ada', 'Ada'],
    });
    expect(compile({ name__not: 'Ada', name__gt: 'B' }, mysql).sql).toBe(
      'CAST(`name` AS BINARY) <> CAST(? AS BINARY) AND CAST(`name` AS BINARY) > CAST(? AS BINARY)',
    );
    expect(compile({ name__in: ['a', 'b'] }, mysql)).toEqual({
      sql: '`name` IN (?, ?) AND CAST(`name` AS BINARY) IN (CAST(? AS BINARY), CAST(? AS BINARY))',
      values: ['a', 'b', 'a', 'b'],
    });
    expect(compile({ name__not_in: ['a'] }, mysql).sql).toBe(
      'CAST(`name` AS BINARY) NOT IN (CAST(? AS BINARY))',
    );
    expect(compile({ name__between: ['a', 'm'] }, mysql)).toEqual({
      sql: 'CAST(`name` AS BINARY) >= CAST(? AS BINARY) AND CAST(`name` AS BINARY) <= CAST(? AS BINARY)',
      values: ['a', 'm'],
    });
    expect(compile(Q.not<User>({ name: 'a' }), mysql).sql).toBe(
      'NOT (`name` = ? AND CAST(`name` AS BINARY) = CAST(? AS BINARY))',
    );
  });

  it('keeps SQL-looking strings out of the SQL text', () => {
    const evil = "x'; DROP TABLE users; --";
    const { sql, values } = compile({ name: evil, nickname__contains: evil });
    expect(sql).not.toContain('DROP');
    expect(values).toEqual([evil, "%x'; DROP TABLE users; --%"]);
  });

  it('compiles every comparison operator', () => {
    expect(compile({ age: 1 }).sql).toBe('"age" = ?');
    expect(compile({ age__eq: 1 }).sql).toBe('"age" = ?');
    expect(compile({ age__not: 1 }).sql).toBe('"age" <> ?');
    expect(compile({ age__gt: 1 }).sql).toBe('"age" > ?');
    expect(compile({ age__gte: 1 }).sql).toBe('"age" >= ?');
    expect(compile({ age__lt: 1 }).sql).toBe('"age" < ?');
    expect(compile({ age__lte: 1 }).sql).toBe('"age" <= ?');
    expect(compile({ age__between: [1, 9] })).toEqual({
      sql: '"age" BETWEEN ? AND ?',
      values: [1, 9],
    });
  });

  it('treats null equality as IS NULL and null inequality as IS NOT NULL', () => {
    expect(compile({ nickname: null })).toEqual({ sql: '"nickname" IS NULL', values: [] });
    expect(compile({ nickname__eq: null }).sql).toBe('"nickname" IS NULL');
    expect(compile({ nickname__not: null }).sql).toBe('"nickname" IS NOT NULL');
    expect(compile({ nickname__is_null: true }).sql).toBe('"nickname" IS NULL');
    expect(compile({ nickname__is_null: false }).sql).toBe('"nickname" IS NOT NULL');
  });

  it('compiles in and not_in lists, with empty lists matching nothing and everything', () => {
    expect(compile({ age__in: [1, 2, 3] })).toEqual({
      sql: '"age" IN (?, ?, ?)',
      values: [1, 2, 3],
    });
    expect(compile({ age__not_in: [4] }, postgres)).toEqual({
      sql: '"age" NOT IN ($1)',
      values: [4],
    });
    expect(compile({ age__in: [] })).toEqual({ sql: '1 = 0', values: [] });
    expect(compile({ age__not_in: [] })).toEqual({ sql: '1 = 1', values: [] });
  });

  it('lets a null inside an in list match NULL rows', () => {
    expect(compile({ nickname__in: ['a', null] }).sql).toBe(
      '(("nickname" IN (?)) OR "nickname" IS NULL)',
    );
    expect(compile({ nickname__not_in: ['a', null] }).sql).toBe(
      '"nickname" NOT IN (?) AND "nickname" IS NOT NULL',
    );
    expect(compile({ nickname__not_in: [null] }).sql).toBe('"nickname" IS NOT NULL');
    expect(compile({ nickname__in: [null] }).sql).toBe('"nickname" IS NULL');
  });

  it('escapes %, _ and ! in contains/startswith/endswith values and keeps like patterns as given', () => {
    expect(compile({ name__contains: '50%_off!' }).values).toEqual(['%50!%!_off!!%']);
    expect(compile({ name__startswith: 'a_' }).values).toEqual(['a!_%']);
    expect(compile({ name__endswith: '%' }).values).toEqual(['%!%']);
    expect(compile({ name__like: 'a%_b' }).values).toEqual(['a%_b']);
    expect(compile({ name__ilike: '%A!' }).values).toEqual(['%A!']);
  });

  it('asks the dialect for LIKE with the case rule of each operator', () => {
    expect(compile({ name__like: 'a%' }, postgres).sql).toBe(`"name"::text LIKE $1 ESCAPE ''`);
    expect(compile({ name__ilike: 'a%' }, postgres).sql).toBe(`"name"::text ILIKE $1 ESCAPE ''`);
    expect(compile({ name__contains: 'a' }, postgres).sql).toBe(`"name"::text LIKE $1 ESCAPE '!'`);
    expect(compile({ name__like: 'a%' }, mysql).sql).toBe(
      '`name` COLLATE utf8mb4_bin LIKE ? ESCAPE CHAR(0)',
    );
    expect(compile({ name__ilike: 'a%' }, mysql).sql).toBe(
      'LOWER(`name`) COLLATE utf8mb4_bin LIKE LOWER(?) ESCAPE CHAR(0)',
    );
    expect(compile({ name__ilike: 'a%' }, sqlite).sql).toBe('"name" LIKE ?');
    expect(compile({ name__like: 'a%' }, sqlite).sql).toMatch(/^"name" GLOB replace\(/);
  });

  it('converts values with the dialect before binding them', () => {
    const when = new Date('2024-01-02T03:04:05.006Z');
    expect(compile({ active: true, createdAt__lt: when }).values).toEqual([
      1,
      '2024-01-02T03:04:05.006Z',
    ]);
    expect(compile({ active: true, createdAt__lt: when }, postgres).values).toEqual([
      true,
      '2024-01-02T03:04:05.006Z',
    ]);
    expect(compile({ createdAt__gte: '2024-01-02' }).values).toEqual(['2024-01-02T00:00:00.000Z']);
  });
});

describe('Q groups', () => {
  it('combine with or, and and not', () => {
    expect(compile(Q<User>({ role: 'admin' }).or({ age__lt: 18 }))).toEqual({
      sql: '(("role" = ?) OR ("age" < ?))',
      values: ['admin', 18],
    });
    expect(compile(Q<User>({ role: 'admin' }).and({ age__lt: 18 })).sql).toBe(
      '"role" = ? AND "age" < ?',
    );
    expect(compile(Q<User>({ role: 'admin' }).not()).sql).toBe('NOT ("role" = ?)');
    expect(compile(Q.not<User>({ name: 'a', age: 1 })).sql).toBe('NOT ("name" = ? AND "age" = ?)');
  });

  it('nest static groups and keep parameter order', () => {
    const node = Q.and<User>(
      Q.or<User>({ name: 'a' }, { name: 'b' }),
      Q.not<User>({ age__in: [1, 2] }),
    );
    expect(compile(node, postgres)).toEqual({
      sql: '(("name" = $1) OR ("name" = $2)) AND NOT ("age" IN ($3, $4))',
      values: ['a', 'b', 1, 2],
    });
  });

  it('stay safe to AND with the caller conditions', () => {
    const { sql } = compile(Q.or<User>({ name: 'a', age: 1 }, { name: 'b' }));
    expect(sql).toBe('(("name" = ? AND "age" = ?) OR ("name" = ?))');
  });

  it('treat empty groups as always true, empty or as never true, and not of nothing as never', () => {
    expect(compile(Q.and()).sql).toBe('');
    expect(compile(Q.or()).sql).toBe('1 = 0');
    expect(compile(Q.or<User>({}, { name: 'a' }))).toEqual({ sql: '', values: [] });
    expect(compile(Q.and<User>({ age: 1 }, Q.or<User>({ name: 'a' }, Q.and())))).toEqual({
      sql: '"age" = ?',
      values: [1],
    });
    expect(compile(Q.and<User>({}, { name: 'a' })).sql).toBe('"name" = ?');
    expect(compile(Q.not({})).sql).toBe('1 = 0');
    expect(compile(Q.or<User>(Q.and(), { name: 'a' }))).toEqual({ sql: '', values: [] });
    expect(compile(Q.or<User>(Q.or<User>({ age: 1 }, {}), { name: 'a' }))).toEqual({
      sql: '',
      values: [],
    });
    expect(compile(Q.or<User>(Q.not({}), { name: 'a' }))).toEqual({
      sql: '((1 = 0) OR ("name" = ?))',
      values: ['a'],
    });
  });

  it('are immutable', () => {
    const base = Q<User>({ name: 'a' });
    base.or({ name: 'b' });
    expect(compile(base).sql).toBe('"name" = ?');
    expect(Object.isFrozen(base)).toBe(true);
  });

  it('validate every child, even of an or that is already always true', () => {
    expect(() => compile(Q.or<User>({}, { nope: 1 } as Where<User>))).toThrow(InvalidQueryError);
  });
});

describe('where validation', () => {
  it('rejects an unknown field with the field in the context', () => {
    const error = badWhere({ nope: 1 });
    expect(error.context).toEqual({ model: 'User', field: 'nope', operator: 'eq' });
    expect(error.message).toContain('unknown field "nope"');
  });

  it('rejects an unknown operator with the operator in the context', () => {
    const error = badWhere({ age__approx: 30 });
    expect(error.context).toEqual({ model: 'User', field: 'age', operator: 'approx' });
  });

  it('rejects an unknown field given with a valid operator', () => {
    expect(badWhere({ nope__gte: 1 }).context).toMatchObject({ field: 'nope', operator: 'gte' });
  });

  it.each([
    ['a string for an integer field', { age: '30' }],
    ['a fraction for an integer field', { age: 1.5 }],
    ['NaN for a number field', { score: Number.NaN }],
    ['Infinity for a number field', { score__gt: Number.POSITIVE_INFINITY }],
    ['a number for a string field', { name: 5 }],
    ['a string for a boolean field', { active: 'true' }],
    ['a number for a boolean field', { active: 1 }],
    ['an invalid Date', { createdAt: new Date('nope') }],
    ['a non-ISO date string', { createdAt__gt: 'yesterday' }],
    ['a value outside the enum', { role: 'root' }],
    ['a malformed uuid', { ref: 'not-a-uuid' }],
    ['a fractional bigint', { big: '1.5' }],
    ['an object for a string field', { name: { $ne: 'x' } }],
    ['a string with NUL', { name: 'a\u0000b' }],
    ['a json comparison', { settings: { a: 1 } }],
    ['a null lower bound for gt', { age__gt: null }],
  ])('rejects %s', (_label, where) => {
    const error = badWhere(where);
    expect(error.context.model).toBe('User');
    expect(error.context.field).toBe(Object.keys(where)[0].split('__')[0]);
  });

  it('never puts the offending value in the message', () => {
    const error = badWhere({ age: 'hunter2-secret' });
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2');
  });

  it('rejects an array for plain equality and points to in', () => {
    const error = badWhere({ age: [1, 2] });
    expect(error.context).toMatchObject({ field: 'age', operator: 'eq' });
    expect(error.message).toContain('age__in');
    expect(badWhere({ age__not: [1] }).message).toContain('age__not_in');
  });

  it('rejects a non-array in/not_in and wrongly typed list items', () => {
    expect(badWhere({ age__in: 1 }).context).toMatchObject({ field: 'age', operator: 'in' });
    expect(badWhere({ age__not_in: '1,2' }).context).toMatchObject({ operator: 'not_in' });
    expect(badWhere({ age__in: [1, 'x'] }).context).toMatchObject({ operator: 'in' });
  });

  it('rejects between without exactly two typed bounds', () => {
    expect(badWhere({ age__between: [1] }).context).toMatchObject({ operator: 'between' });
    expect(badWhere({ age__between: [1, 2, 3] }).context).toMatchObject({ operator: 'between' });
    expect(badWhere({ age__between: 5 }).context).toMatchObject({ operator: 'between' });
    expect(badWhere({ age__between: [1, null] }).context).toMatchObject({ operator: 'between' });
  });

  it('rejects a non-boolean is_null', () => {
    expect(badWhere({ nickname__is_null: 'yes' }).context).toMatchObject({ operator: 'is_null' });
    expect(badWhere({ nickname__is_null: 1 }).context).toMatchObject({ operator: 'is_null' });
  });

  it('rejects pattern operators on non-string fields and non-string patterns', () => {
    expect(badWhere({ age__contains: '1' }).context).toMatchObject({
      field: 'age',
      operator: 'contains',
    });
    expect(badWhere({ ref__like: 'a%' }).context).toMatchObject({ operator: 'like' });
    expect(badWhere({ name__like: 5 }).context).toMatchObject({ operator: 'like' });
    expect(badWhere({ name__ilike: 'a\u0000' }).context).toMatchObject({ operator: 'ilike' });
  });

  it('rejects patterns over 4096 characters and lists over 10000 values', () => {
    expect(compile({ name__contains: 'x'.repeat(4096) }).values[0]).toHaveLength(4098);
    expect(badWhere({ name__contains: 'x'.repeat(4097) }).context).toMatchObject({
      operator: 'contains',
    });
    expect(badWhere({ name__like: '%'.repeat(4097) }).context).toMatchObject({ operator: 'like' });
    const ids = Array.from({ length: 10_000 }, (_, i) => i);
    expect(compile({ age__in: ids }).values).toHaveLength(10_000);
    expect(badWhere({ age__not_in: [...ids, 10_000] }).context).toMatchObject({
      field: 'age',
      operator: 'not_in',
    });
  });

  it('rejects filtering on encrypted and password-hash fields', () => {
    expect(badWhere({ secret: 'x' }).context).toEqual({
      model: 'User',
      field: 'secret',
      operator: 'eq',
    });
    expect(badWhere({ secret__is_null: true }).message).toContain('encrypted');
    expect(badWhere({ password: 'x' }).context).toMatchObject({ field: 'password' });
  });

  it('rejects undefined values instead of silently widening the filter', () => {
    expect(badWhere({ name: undefined }).context).toMatchObject({ field: 'name' });
  });

  it.each([
    '__proto__',
    'constructor',
    'prototype',
    'constructor__eq',
    'prototype__in',
    '__proto____not',
  ])('rejects the where key %s, including from JSON.parse', (key) => {
    const where = JSON.parse(`{"${key}": 1}`);
    expect(Object.keys(where)).toEqual([key]);
    const error = badWhere(where);
    expect(error.message).toContain('not allowed');
  });

  it('rejects objects whose prototype was replaced by a __proto__ literal', () => {
    const where = { __proto__: { name: 'x' } };
    expect(badWhere(where).message).toContain('plain object');
    expect(badWhere(Object.create({ name: 'x' })).message).toContain('plain object');
  });

  it('accepts objects without a prototype', () => {
    const where = Object.assign(Object.create(null), { name: 'x' });
    expect(compile(where).sql).toBe('"name" = ?');
  });

  it('rejects non-object filters', () => {
    expect(badWhere('name = 1').message).toContain('plain object');
    expect(badWhere([{ name: 'a' }]).message).toContain('plain object');
    expect(badWhere(null).message).toContain('plain object');
  });

  it('returns the same result when the same shape is compiled again (cached key resolution)', () => {
    const first = compile({ name__startswith: 'a', age__in: [1] }, postgres);
    const second = compile({ name__startswith: 'b', age__in: [2] }, postgres);
    expect(second.sql).toBe(first.sql);
    expect(second.values).toEqual(['b%', 2]);
    expect(() => compile({ nope: 1 } as Where<User>)).toThrow(InvalidQueryError);
    expect(() => compile({ nope: 1 } as Where<User>)).toThrow(InvalidQueryError);
  });
});

describe('compileOrderBy', () => {
  it('orders by one field, a descending field or a list', () => {
    expect(compileOrderBy(users, 'name', sqlite)).toBe(' ORDER BY "name" ASC');
    expect(compileOrderBy(users, '-createdAt', postgres)).toBe(' ORDER BY "created_at" DESC');
    expect(compileOrderBy(users, ['age', '-name'], sqlite)).toBe(
      ' ORDER BY "age" ASC, "name" DESC',
    );
    expect(compileOrderBy(users, ['age', '-name'], mysql)).toBe(
      ' ORDER BY `age` ASC, CAST(`name` AS BINARY) DESC',
    );
    expect(compileOrderBy(users, undefined, sqlite)).toBe('');
    expect(compileOrderBy(users, [], sqlite)).toBe('');
  });

  it('puts NULLs first ascending and last descending on every dialect', () => {
    expect(compileOrderBy(users, 'nickname', postgres)).toBe(
      ' ORDER BY ("nickname" IS NULL) DESC, "nickname" ASC',
    );
    expect(compileOrderBy(users, '-nickname', postgres)).toBe(
      ' ORDER BY ("nickname" IS NULL) ASC, "nickname" DESC',
    );
  });

  it('rejects unknown, protected and non-string orderBy fields', () => {
    expect(queryError(() => compileOrderBy(users, 'nope', sqlite)).context).toEqual({
      model: 'User',
      field: 'nope',
      operator: 'orderBy',
    });
    expect(queryError(() => compileOrderBy(users, ['-name', '-nope'], sqlite)).context.field).toBe(
      'nope',
    );
    expect(queryError(() => compileOrderBy(users, 'secret', sqlite)).context.field).toBe('secret');
    expect(queryError(() => compileOrderBy(users, '-', sqlite)).context.field).toBe('');
    expect(queryError(() => compileOrderBy(users, 'constructor', sqlite)).context.field).toBe(
      'constructor',
    );
    expect(
      queryError(() => compileOrderBy(users, 'name; DROP TABLE users', sqlite)).message,
    ).toContain('unknown orderBy field');
    expect(() => compileOrderBy(users, [1], sqlite)).toThrow(InvalidQueryError);
  });
});

describe('validateQueryOptions', () => {
  it('accepts valid options', () => {
    expect(() =>
      validateQueryOptions(users, {
        orderBy: ['-age', 'name'],
        limit: 0,
        offset: 10,
        includeDeleted: true,
      }),
    ).not.toThrow();
    expect(() => validateQueryOptions(users, undefined)).not.toThrow();
  });

  it.each([
    ['a negative limit', { limit: -1 }],
    ['a fractional limit', { limit: 2.5 }],
    ['a string limit', { limit: '10' }],
    ['a NaN offset', { offset: Number.NaN }],
    ['a negative offset', { offset: -3 }],
    ['a non-boolean includeDeleted', { includeDeleted: 'yes' }],
    ['an unknown orderBy field', { orderBy: 'nope' }],
  ])('rejects %s', (_label, options) => {
    expect(() => validateQueryOptions(users, options as any)).toThrow(InvalidQueryError);
  });

  it('names the option in the context', () => {
    const error = queryError(() => validateQueryOptions(users, { limit: -1 }));
    expect(error.context).toEqual({ model: 'User', operator: 'limit' });
  });
});

describe('aggregates', () => {
  const agg = (a: AggregateDescriptor<User>, dialect: QueryDialect = postgres) => {
    const params = new SqlParams(dialect);
    return { sql: compileAggregate(users, a, dialect, params), values: params.values };
  };

  it('compile plain aggregates', () => {
    expect(agg(Agg.count())).toEqual({ sql: 'COUNT(*)', values: [] });
    expect(agg(Agg.count<User>('id')).sql).toBe('COUNT("id")');
    expect(agg(Agg.sum<User>('score')).sql).toBe('SUM("score")');
    expect(agg(Agg.avg<User>('age'), mysql).sql).toBe('AVG(`age`)');
    expect(agg(Agg.min<User>('createdAt')).sql).toBe('MIN("created_at")');
    expect(agg(Agg.max<User>('name')).sql).toBe('MAX("name")');
  });

  it('compile filtered aggregates with CASE and bound values', () => {
    expect(agg(Agg.count<User>('id', { age__gte: 18 }))).toEqual({
      sql: 'COUNT(CASE WHEN "age" >= $1 THEN "id" END)',
      values: [18],
    });
    expect(
      agg(Agg.count<User>(undefined, Q<User>({ role: 'admin' }).or({ age: 1 })), sqlite).sql,
    ).toBe('COUNT(CASE WHEN (("role" = ?) OR ("age" = ?)) THEN 1 END)');
  });

  it('reject unknown, protected and wrongly typed aggregate fields', () => {
    expect(queryError(() => agg(Agg.sum<User>('nope' as 'age'))).context).toEqual({
      model: 'User',
      field: 'nope',
      operator: 'sum',
    });
    expect(queryError(() => agg(Agg.sum<User>('name'))).context.field).toBe('name');
    expect(queryError(() => agg(Agg.max<User>('secret'))).context.field).toBe('secret');
    expect(queryError(() => agg(Agg.min<User>('active'))).context.field).toBe('active');
    expect(
      queryError(() => agg(Agg.avg<User>(undefined as unknown as 'age'))).context.operator,
    ).toBe('avg');
    expect(() => agg(Agg.count<User>('id', { nope: 1 } as Where<User>))).toThrow(InvalidQueryError);
  });

  it('turn driver results into numbers or null', () => {
    expect(aggregateResult(users, Agg.count(), '4')).toBe(4);
    expect(aggregateResult(users, Agg.count(), null)).toBe(0);
    expect(aggregateResult(users, Agg.avg<User>('age'), '2.5000000000')).toBe(2.5);
    expect(aggregateResult(users, Agg.sum<User>('age'), null)).toBeNull();
    expect(aggregateResult(users, Agg.max<User>('age'), '7')).toBe(7);
    expect(aggregateResult(users, Agg.max<User>('name'), 'zed')).toBe('zed');
  });
});
