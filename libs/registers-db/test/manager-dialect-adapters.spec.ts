import 'reflect-metadata';
import { dialectFor } from '../src/dialects';
import { DatabaseError } from '../src/errors';
import {
  DuplicateKeyError,
  ForeignKeyViolationError,
  NotNullViolationError,
  UniqueConstraintError,
} from '../src/errors';
import type { FieldMetadata } from '../src/interfaces/model-metadata.interface';
import { fieldMetadata, modelMetadata } from './support/metadata';

const field = (
  property: string,
  column: string,
  type: FieldMetadata['type'],
  extra: Partial<FieldMetadata> = {},
) => fieldMetadata(property, type, { column, ...extra });

const fields = [
  field('id', 'id', 'integer', { isKey: true, idStrategy: 'autoincrement' }),
  field('email', 'email', 'string', { unique: true }),
  field('teamId', 'team_id', 'integer', { foreignKey: { table: 'teams', column: 'id' } }),
  field('orgSlug', 'org_slug', 'string'),
];
const meta = modelMetadata('User', 'users', fields, {
  target: class User {} as any,
  unique: [['email'], ['teamId', 'orgSlug']],
});
const ctx = { meta, operation: 'create' };

describe('Dialect adapters', () => {
  it('build multi-row inserts with the dialect placeholders and RETURNING', () => {
    expect(dialectFor('postgres').insertSql('users', ['email', 'team_id'], 2, ['id'])).toBe(
      'INSERT INTO "users" ("email", "team_id") VALUES ($1, $2), ($3, $4) RETURNING "id"',
    );
    expect(dialectFor('sqlite').insertSql('users', ['email'], 2)).toBe(
      'INSERT INTO "users" ("email") VALUES (?), (?)',
    );
    expect(dialectFor('mysql').insertSql('users', ['email'], 1, ['id'])).toBe(
      'INSERT INTO `users` (`email`) VALUES (?) RETURNING `id`',
    );
  });

  it('build one-statement upserts per dialect', () => {
    expect(
      dialectFor('postgres').upsertSql('users', ['email', 'team_id'], ['email'], ['team_id'], 1, [
        'id',
      ]),
    ).toBe(
      'INSERT INTO "users" ("email", "team_id") VALUES ($1, $2) ON CONFLICT ("email") DO UPDATE SET "team_id" = EXCLUDED."team_id" RETURNING "id"',
    );
    expect(dialectFor('sqlite').upsertSql('users', ['email'], ['email'], [], 1)).toBe(
      'INSERT INTO "users" ("email") VALUES (?) ON CONFLICT ("email") DO UPDATE SET "email" = excluded."email"',
    );
    expect(
      dialectFor('mysql').upsertSql('users', ['email', 'team_id'], ['email'], ['team_id'], 1),
    ).toBe(
      'INSERT INTO `users` (`email`, `team_id`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `team_id` = VALUES(`team_id`)',
    );
  });

  it('convert driver values to JS values', () => {
    const sqlite = dialectFor('sqlite');
    expect(sqlite.fromDriver(field('a', 'a', 'boolean'), 1)).toBe(true);
    expect(sqlite.fromDriver(field('a', 'a', 'boolean'), 0)).toBe(false);
    expect(sqlite.fromDriver(field('a', 'a', 'datetime'), '2024-01-02T03:04:05.006Z')).toEqual(
      new Date('2024-01-02T03:04:05.006Z'),
    );
    expect(sqlite.fromDriver(field('a', 'a', 'json'), '{"x":[1]}')).toEqual({ x: [1] });
    expect(sqlite.fromDriver(field('a', 'a', 'json'), null)).toBeNull();
    const pg = dialectFor('postgres');
    expect(pg.fromDriver(field('a', 'a', 'decimal'), '12.50')).toBe(12.5);
    // bigint columns read as the property's type: a string unless it says number or bigint.
    expect(pg.fromDriver(field('a', 'a', 'bigint'), '9007199254740993')).toBe('9007199254740993');
    const asNumber = { ...field('a', 'a', 'bigint'), bigintMode: 'number' as const };
    expect(pg.fromDriver(asNumber, '9007199254740')).toBe(9007199254740);
    expect(() => pg.fromDriver(asNumber, '9007199254740993')).toThrow(DatabaseError);
    const asBigint = { ...field('a', 'a', 'bigint'), bigintMode: 'bigint' as const };
    expect(pg.fromDriver(asBigint, '9007199254740993')).toBe(9007199254740993n);
    const mysql = dialectFor('mysql');
    expect(mysql.fromDriver(field('a', 'a', 'boolean'), 1)).toBe(true);
    expect(mysql.fromDriver(field('a', 'a', 'json'), '[1,2]')).toEqual([1, 2]);
    expect(mysql.fromDriver(field('a', 'a', 'decimal'), '3.25')).toBe(3.25);
  });

  it('normalize SQLite constraint errors', async () => {
    const sqlite = dialectFor('sqlite');
    const pk = await sqlite.normalizeError(
      { code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'UNIQUE constraint failed: users.id' },
      ctx,
    );
    expect(pk).toBeInstanceOf(DuplicateKeyError);
    const group = await sqlite.normalizeError(
      {
        code: 'SQLITE_CONSTRAINT_UNIQUE',
        message: 'UNIQUE constraint failed: users.team_id, users.org_slug',
      },
      { ...ctx, rowIndex: 4 },
    );
    expect(group).toBeInstanceOf(UniqueConstraintError);
    expect(group!.context).toMatchObject({
      model: 'User',
      table: 'users',
      operation: 'create',
      rowIndex: 4,
      fields: ['teamId', 'orgSlug'],
    });
    const nn = await sqlite.normalizeError(
      { code: 'SQLITE_CONSTRAINT_NOTNULL', message: 'NOT NULL constraint failed: users.email' },
      ctx,
    );
    expect(nn).toBeInstanceOf(NotNullViolationError);
    expect(nn!.context.fields).toEqual(['email']);
    expect(await sqlite.normalizeError(new Error('disk I/O error'), ctx)).toBeUndefined();
  });

  it('normalize PostgreSQL errors without carrying the offending values', async () => {
    const pg = dialectFor('postgres');
    const unique = await pg.normalizeError(
      {
        code: '23505',
        constraint: 'users_email_key',
        detail: 'Key (email)=(alice@example.com) already exists.',
      },
      ctx,
    );
    expect(unique).toBeInstanceOf(UniqueConstraintError);
    expect(unique!.context.fields).toEqual(['email']);
    expect(JSON.stringify(unique)).not.toContain('alice@example.com');
    const pk = await pg.normalizeError(
      { code: '23505', constraint: 'users_pkey', detail: 'Key (id)=(1) already exists.' },
      ctx,
    );
    expect(pk).toBeInstanceOf(DuplicateKeyError);
    const fk = await pg.normalizeError(
      { code: '23503', detail: 'Key (team_id)=(9) is not present in table "teams".' },
      ctx,
    );
    expect(fk).toBeInstanceOf(ForeignKeyViolationError);
    expect(fk!.context.fields).toEqual(['teamId']);
    const nn = await pg.normalizeError({ code: '23502', column: 'org_slug' }, ctx);
    expect(nn!.context.fields).toEqual(['orgSlug']);
  });

  it('normalize MySQL/MariaDB errors, resolving index names to fields', async () => {
    const mysql = dialectFor('mysql');
    const lookups: string[] = [];
    const withIndexes = {
      ...ctx,
      indexColumns: async (name: string) => {
        lookups.push(name);
        return name === 'users_team_id_org_slug_key' ? ['team_id', 'org_slug'] : [];
      },
    };
    const group = await mysql.normalizeError(
      {
        errno: 1062,
        sqlMessage: "Duplicate entry '1-acme' for key 'users.users_team_id_org_slug_key'",
      },
      withIndexes,
    );
    expect(group).toBeInstanceOf(UniqueConstraintError);
    expect(group!.context.fields).toEqual(['teamId', 'orgSlug']);
    expect(lookups).toEqual(['users_team_id_org_slug_key']);
    expect(JSON.stringify(group)).not.toContain('acme');
    expect(
      await mysql.normalizeError(
        { errno: 1062, sqlMessage: "Duplicate entry '7' for key 'PRIMARY'" },
        withIndexes,
      ),
    ).toBeInstanceOf(DuplicateKeyError);
    const fk = await mysql.normalizeError(
      {
        errno: 1452,
        sqlMessage:
          'Cannot add or update a child row: a foreign key constraint fails (`db`.`users`, CONSTRAINT `users_team_id_fkey` FOREIGN KEY (`team_id`) REFERENCES `teams` (`id`))',
      },
      ctx,
    );
    expect(fk!.context.fields).toEqual(['teamId']);
    const nn = await mysql.normalizeError(
      { errno: 1048, sqlMessage: "Column 'email' cannot be null" },
      ctx,
    );
    expect(nn).toBeInstanceOf(NotNullViolationError);
    expect(nn!.context.fields).toEqual(['email']);
  });
});
