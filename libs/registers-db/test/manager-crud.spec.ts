import 'reflect-metadata';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { emptyTables } from './support/registry';
import { Field, Model } from '../src/decorators';
import {
  DuplicateKeyError,
  ImmutableFieldError,
  InvalidPrimaryKeyAssignmentError,
  InvalidQueryError,
  RecordNotFoundError,
  UniqueConstraintError,
} from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'crud_users', unique: ['email'] })
class User {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 320 }) @IsEmail() email!: string;
  @Field() @IsString() @MaxLength(100) name!: string;
  @Field() @IsString() role: string = 'user';
  @Field({ nullable: true }) @IsOptional() @IsInt() @Min(0) age?: number | null;
}

@Model({ table: 'crud_tags', key: 'slug' })
class Tag {
  @Field({ id: 'manual' }) @IsString() slug!: string;
  @Field() @IsString() label!: string;
}

@Model({ table: 'crud_tokens' })
class Token {
  @Field({ id: 'uuid4' }) id?: string;
  @Field() @IsString() purpose!: string;
}

describeEachDialect('Manager CRUD', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(User, Tag, Token);
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [User, Tag, Token]));

  const users = () => db.manager(User);

  it('creates a record that is an instance of the model with a database-assigned id', async () => {
    const alice = await users().create({ email: 'alice@example.com', name: 'Alice' });
    expect(alice).toBeInstanceOf(User);
    expect(alice.constructor).toBe(User);
    expect(typeof alice.id).toBe('number');
    expect(alice.role).toBe('user');
    expect(alice.age).toBeNull();
    const bob = await users().strictCreate({ email: 'bob@example.com', name: 'Bob' });
    expect(bob.id).toBeGreaterThan(alice.id!);
  });

  it('serializes a record to its fields only', async () => {
    const alice = await users().create({ email: 'alice@example.com', name: 'Alice', age: 30 });
    expect(JSON.parse(JSON.stringify(alice))).toEqual({
      id: alice.id,
      email: 'alice@example.com',
      name: 'Alice',
      role: 'user',
      age: 30,
    });
    expect(Object.keys(alice)).not.toContain('save');
  });

  it('refuses an autoincrement id supplied on create and writes nothing', async () => {
    await expect(
      users().create({ id: 10, email: 'a@example.com', name: 'A' }),
    ).rejects.toBeInstanceOf(InvalidPrimaryKeyAssignmentError);
    expect(await users().count()).toBe(0);
  });

  it('generates a lowercase uuid4 key in the application', async () => {
    const token = await db.manager(Token).create({ purpose: 'reset' });
    expect(token.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect((await db.manager(Token).require(token.id!)).purpose).toBe('reset');
  });

  it('takes a manual key from the caller and raises DuplicateKeyError on reuse', async () => {
    await db.manager(Tag).create({ slug: 'ts', label: 'TypeScript' });
    const error = await db
      .manager(Tag)
      .create({ slug: 'ts', label: 'Again' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error.context).toMatchObject({
      model: 'Tag',
      table: 'crud_tags',
      operation: 'create',
      fields: ['slug'],
    });
  });

  it('raises UniqueConstraintError naming the unique field, without its value', async () => {
    await users().create({ email: 'alice@example.com', name: 'Alice' });
    const error = await users()
      .create({ email: 'alice@example.com', name: 'Other' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(error.context.fields).toEqual(['email']);
    expect(JSON.stringify(error)).not.toContain('alice@example.com');
    expect(error.message).not.toContain('alice@example.com');
  });

  it('gets by key and by where, and returns null when nothing matches', async () => {
    const alice = await users().create({ email: 'alice@example.com', name: 'Alice' });
    expect((await users().get(alice.id!))?.name).toBe('Alice');
    expect((await users().get({ name: 'Alice' }))?.id).toBe(alice.id);
    expect(await users().get(999999)).toBeNull();
    expect(await users().get({ name: 'Nobody' })).toBeNull();
  });

  it('require raises RecordNotFoundError with model, table and operation in context', async () => {
    const error = await users()
      .require({ email: 'missing@example.com' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(RecordNotFoundError);
    expect(error.context).toMatchObject({
      model: 'User',
      table: 'crud_users',
      operation: 'require',
      fields: ['email'],
    });
    await expect(users().require(424242)).rejects.toBeInstanceOf(RecordNotFoundError);
  });

  it('filters with where, ordering, limit and offset; all, exists and count agree', async () => {
    for (const [i, role] of ['admin', 'user', 'admin', 'user', 'admin'].entries()) {
      await users().create({ email: `u${i}@example.com`, name: `User${i}`, role, age: i * 10 });
    }
    const admins = await users().filter({ role: 'admin' }, { orderBy: '-age' });
    expect(admins.map((u) => u.name)).toEqual(['User4', 'User2', 'User0']);
    expect(admins.every((u) => u instanceof User)).toBe(true);
    const page = await users().filter(undefined, { orderBy: 'age', limit: 2, offset: 1 });
    expect(page.map((u) => u.age)).toEqual([10, 20]);
    expect(await users().all()).toHaveLength(5);
    expect(await users().count()).toBe(5);
    expect(await users().count({ role: 'admin' })).toBe(3);
    expect(await users().exists({ name: 'User3' })).toBe(true);
    expect(await users().exists({ name: 'Nobody' })).toBe(false);
  });

  it('first and last follow the key by default and reverse a given order', async () => {
    expect(await users().first()).toBeNull();
    await users().create({ email: 'a@example.com', name: 'First', age: 5 });
    await users().create({ email: 'b@example.com', name: 'Second', age: 1 });
    await users().create({ email: 'c@example.com', name: 'Third', age: 3 });
    expect((await users().first())?.name).toBe('First');
    expect((await users().last())?.name).toBe('Third');
    expect((await users().first(undefined, { orderBy: 'age' }))?.name).toBe('Second');
    expect((await users().last(undefined, { orderBy: 'age' }))?.name).toBe('First');
    expect((await users().last({ age__lt: 5 }, { orderBy: ['-age'] }))?.name).toBe('Second');
  });

  it('saves changes of a record and refuses a changed key', async () => {
    const alice = await users().create({ email: 'alice@example.com', name: 'Alice' });
    alice.name = 'Alicia';
    await alice.save();
    expect((await users().require(alice.id!)).name).toBe('Alicia');
    const other = await users().require(alice.id!);
    other.id = 999;
    await expect(other.save()).rejects.toBeInstanceOf(ImmutableFieldError);
    expect(await users().get(999)).toBeNull();
  });

  it('updates a record in place with update(changes) and reloads it with refresh()', async () => {
    const alice = await users().create({ email: 'alice@example.com', name: 'Alice' });
    await alice.update({ role: 'admin' });
    expect(alice.role).toBe('admin');
    await users().updateWhere({ id: alice.id }, { name: 'Behind your back' });
    const same = await alice.refresh();
    expect(same).toBe(alice);
    expect(alice.name).toBe('Behind your back');
    await expect(alice.update({ id: 5 } as any)).rejects.toBeInstanceOf(ImmutableFieldError);
  });

  it('updateWhere returns the updated records and refuses an empty where without allowFullTable', async () => {
    await users().create({ email: 'a@example.com', name: 'A' });
    await users().create({ email: 'b@example.com', name: 'B' });
    await users().create({ email: 'c@example.com', name: 'C', role: 'admin' });
    const updated = await users().updateWhere({ role: 'user' }, { role: 'staff' });
    expect(updated.map((u) => u.name).sort()).toEqual(['A', 'B']);
    expect(updated.every((u) => u.role === 'staff' && u instanceof User)).toBe(true);
    await expect(users().updateWhere({}, { role: 'x' })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(users().updateWhere({ role: 'staff' }, {})).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
    expect(await users().count({ role: 'x' })).toBe(0);
    const all = await users().updateWhere({}, { role: 'x' }, { allowFullTable: true });
    expect(all).toHaveLength(3);
  });

  it('delete returns whether a row went away; deleteWhere returns the count', async () => {
    const a = await users().create({ email: 'a@example.com', name: 'A', role: 'gone' });
    await users().create({ email: 'b@example.com', name: 'B', role: 'gone' });
    await users().create({ email: 'c@example.com', name: 'C' });
    expect(await users().delete(a.id!)).toBe(true);
    expect(await users().delete(a.id!)).toBe(false);
    expect(await users().deleteWhere({ role: 'gone' })).toBe(1);
    await expect(users().deleteWhere({})).rejects.toBeInstanceOf(InvalidQueryError);
    expect(await users().count()).toBe(1);
    const c = await users().require({ name: 'C' });
    expect(await c.delete()).toBe(true);
    expect(await users().count()).toBe(0);
  });

  it('does not reuse the ids of deleted rows', async () => {
    const first = await users().create({ email: 'a@example.com', name: 'A' });
    const second = await users().create({ email: 'b@example.com', name: 'B' });
    await users().delete(second.id!);
    const third = await users().create({ email: 'c@example.com', name: 'C' });
    expect(third.id).toBeGreaterThan(second.id!);
    expect(second.id).toBeGreaterThan(first.id!);
  });

  it('rejects a key of the wrong type as an invalid query', async () => {
    await expect(users().get('abc' as any)).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(users().delete(1.5)).rejects.toBeInstanceOf(InvalidQueryError);
  });
});
