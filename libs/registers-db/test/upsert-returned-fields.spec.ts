import 'reflect-metadata';
import { IsBoolean, IsEmail, IsInt, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { DatabaseRegistry } from '../src/registry';
import { emptyTables } from './support/registry';

@Model({ table: 'upr_members', unique: ['email'], timestamps: true })
class Member {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 200 }) @IsEmail() email!: string;
  @Field() @IsString() name!: string;
  @Field({ default: 1 }) @IsInt() level!: number;
  @Field({ nullable: true }) @IsOptional() @IsString() note?: string | null;
  @Field() @IsBoolean() active!: boolean;
  createdAt?: Date;
  updatedAt?: Date;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A single-row upsert reads back only the fields it may not have set to their bound values;
 * the record it returns must still be the stored row, inserted or updated, on every dialect.
 */
describeEachDialect('Upsert: the returned record is the stored row', (target) => {
  let db: DatabaseRegistry;
  const members = () => db.manager(Member);
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Member);
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [Member]));

  it('reads back the key, the conflict target, createdAt and the fields absent from the input', async () => {
    await members().count(); // the table exists: the statement below is the upsert alone
    const statements: string[] = [];
    const stop = db.connection!.onStatement((sql) => statements.push(sql));
    try {
      await members().upsert({ email: 'ann@example.com', name: 'Ann', active: true });
    } finally {
      stop();
    }
    expect(statements).toHaveLength(1);
    const returning = statements[0].slice(
      statements[0].lastIndexOf('RETURNING') + 'RETURNING'.length,
    );
    const columns = returning.split(',').map((c) => c.trim().replace(/["`]/g, ''));
    expect(columns.sort()).toEqual(['created_at', 'email', 'id', 'level', 'note'].sort());
  });

  it('a new row: the record equals the stored row, defaults and nulls included', async () => {
    const inserted = await members().upsert({ email: 'bo@example.com', name: 'Bo', active: false });
    expect(inserted).toBeInstanceOf(Member);
    expect(inserted).toMatchObject({ level: 1, note: null, active: false });
    expect(inserted).toEqual(await members().require(inserted.id!));
  });

  it('a conflict: stored values of absent fields, the stored createdAt, the new values of the rest', async () => {
    const first = await members().create({
      email: 'cy@example.com',
      name: 'Cy',
      level: 7,
      note: 'kept',
      active: true,
    });
    await pause(5);
    const updated = await members().upsert({
      email: 'cy@example.com',
      name: 'Cyrus',
      active: false,
    });
    expect(updated.id).toBe(first.id);
    expect(updated).toMatchObject({ name: 'Cyrus', level: 7, note: 'kept', active: false });
    expect(updated.createdAt!.getTime()).toBe(first.createdAt!.getTime());
    expect(updated.updatedAt!.getTime()).toBeGreaterThan(first.updatedAt!.getTime());
    expect(updated).toEqual(await members().require(first.id!));
  });

  it('an email that collides only under the column collation reads back as stored', async () => {
    const first = await members().create({ email: 'Dee@Example.com', name: 'Dee', active: true });
    const upserted = await members().upsert({ email: 'dee@example.com', name: 'D', active: true });
    // MariaDB compares case-insensitively (one row, the stored spelling); the others insert.
    expect(upserted).toEqual(await members().require(upserted.id!));
    expect(upserted.id === first.id).toBe(target().dialect === 'mariadb');
  });

  it('a key given as the conflict target: every field but the key and createdAt comes from the input', async () => {
    const first = await members().create({ email: 'eve@example.com', name: 'Eve', active: true });
    const byKey = await members().upsert({
      id: first.id,
      email: 'eve2@example.com',
      name: 'Eva',
      level: 3,
      active: false,
    });
    expect(byKey).toMatchObject({ id: first.id, email: 'eve2@example.com', name: 'Eva', level: 3 });
    expect(byKey).toEqual(await members().require(first.id!));
  });
});
