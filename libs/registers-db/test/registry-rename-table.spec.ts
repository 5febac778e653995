import 'reflect-metadata';
import { IsEnum, IsInt, IsOptional, IsString } from 'class-validator';
import {
  DatabaseRegistry,
  DuplicateKeyError,
  Field,
  ForeignKeyViolationError,
  MigrationError,
  Model,
  UniqueConstraintError,
} from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';

enum Kind {
  A = 'a',
  B = 'b',
}

@Model({ table: 'rn_groups' })
class Group {
  @Field() @IsInt() id!: number;
  @Field() @IsString() title!: string;
}

@Model({ table: 'rn_users', unique: ['email'], auditLog: true })
class User {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() email!: string;
  @Field({ index: true }) @IsString() name!: string;
  @Field({ foreignKey: 'rn_groups.id', nullable: true }) @IsOptional() @IsInt() groupId?:
    number | null;
  @Field({ default: 'a' }) @IsEnum(Kind) kind!: Kind;
}

@Model({ table: 'rn_users', unique: ['email'] })
class FreshUser {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() email!: string;
  @Field({ index: true }) @IsString() name!: string;
  @Field({ foreignKey: 'rn_groups.id', nullable: true }) @IsOptional() @IsInt() groupId?:
    number | null;
  @Field({ default: 'a' }) @IsEnum(Kind) kind!: Kind;
}

@Model({ table: 'rn_users_archive', autoCreate: false })
class ArchivedUser {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() email!: string;
  @Field() @IsString() name!: string;
}

describeEachDialect('renameTable', (target) => {
  let db: DatabaseRegistry;

  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Group, User);
  });
  afterAll(() => db.dispose());

  it('moves the rows and keeps the manager working against the new name', async () => {
    const users = db.manager(User);
    await db.manager(Group).create({ id: 1, title: 'ops' });
    const alice = await users.create({ email: 'alice@x.io', name: 'Alice', groupId: 1 });
    await users.renameTable('rn_users_archive');
    expect(db.metadata(User).table).toBe('rn_users_archive');
    expect(await users.schemaExists()).toBe(true);
    expect(await db.schema(User).tableExists('rn_users')).toBe(false);
    const bob = await users.create({ email: 'bob@x.io', name: 'Bob' });
    bob.name = 'Robert';
    await bob.save();
    expect((await users.require(alice.id!)).name).toBe('Alice');
    expect((await users.require(bob.id!)).name).toBe('Robert');
    expect(await users.count()).toBe(2);
    expect(await db.schema(User).tableExists('rn_users_audit')).toBe(false);
    expect(await db.schema(User).tableExists('rn_users_archive_audit')).toBe(true);
  });

  it('keeps constraints working and named for the new table', async () => {
    const users = db.manager(User);
    await expect(users.create({ email: 'alice@x.io', name: 'Again' })).rejects.toBeInstanceOf(
      UniqueConstraintError,
    );
    await expect(
      users.create({ email: 'orphan@x.io', name: 'O', groupId: 42 }),
    ).rejects.toBeInstanceOf(ForeignKeyViolationError);
    expect((await db.schema(User).schemaDiff()).ok).toBe(true);
  });

  it('still reports duplicate keys after the rename', async () => {
    @Model({ table: 'rn_tags' })
    class Tag {
      @Field() @IsInt() id!: number;
      @Field() @IsString() label!: string;
    }
    db.register(Tag);
    const tags = db.manager(Tag);
    await tags.create({ id: 1, label: 'one' });
    await tags.renameTable('rn_labels');
    await expect(tags.create({ id: 1, label: 'again' })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await tags.count()).toBe(1);
  });

  it('runs upserts planned before the rename against the new table', async () => {
    @Model({ table: 'rn_notes', unique: ['code'] })
    class Note {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsString() code!: string;
      @Field() @IsString() body!: string;
    }
    db.register(Note);
    const notes = db.manager(Note);
    const first = await notes.upsert({ code: 'a', body: 'one' });
    await notes.upsert({ id: first.id, code: 'a', body: 'by key' });
    await notes.renameTable('rn_notes_moved');
    const updated = await notes.upsert({ code: 'a', body: 'two' });
    expect(updated.id).toBe(first.id);
    const byKey = await notes.upsert({ id: first.id, code: 'a', body: 'by key again' });
    expect(byKey.body).toBe('by key again');
    expect((await notes.create({ code: 'b', body: 'new' })).id).toBeGreaterThan(first.id!);
    expect(await notes.count()).toBe(2);
    expect(await db.schema(Note).tableExists('rn_notes')).toBe(false);
  });

  it('lets another model bind to the renamed table', async () => {
    const archive = new DatabaseRegistry({ url: target().url, autoCreate: false }).register(
      ArchivedUser,
    );
    try {
      const rows = await archive.manager(ArchivedUser).all({ orderBy: 'id' });
      expect(rows.map((r) => r.email)).toEqual(['alice@x.io', 'bob@x.io']);
    } finally {
      await archive.dispose();
    }
  });

  it('lets a new table take the old name with its own indexes and constraints', async () => {
    const fresh = new DatabaseRegistry({ url: target().url }).register(Group, FreshUser);
    try {
      const users = fresh.manager(FreshUser);
      const carol = await users.create({ email: 'alice@x.io', name: 'Carol', groupId: 1 });
      expect(carol.id).toBe(1);
      await expect(users.create({ email: 'alice@x.io', name: 'Dup' })).rejects.toBeInstanceOf(
        UniqueConstraintError,
      );
      expect((await fresh.diffAll()).rn_users.ok).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });

  it('refuses an existing target name and leaves the model where it was', async () => {
    const users = db.manager(User);
    const error = await users.renameTable('rn_users').catch((e) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.context).toMatchObject({
      model: 'User',
      table: 'rn_users_archive',
      operation: 'renameTable',
    });
    expect(db.metadata(User).table).toBe('rn_users_archive');
    expect(await users.count()).toBe(2);
  });

  it('adds columns to the renamed table', async () => {
    const users = db.manager(User);
    expect(await users.ensureColumn('nickname', { type: 'string' })).toBe(true);
    expect(await users.ensureColumn('nickname', { type: 'string' })).toBe(false);
    expect(await users.columnNames()).toContain('nickname');
  });
});
