import 'reflect-metadata';
import { IsInt, IsOptional, IsString } from 'class-validator';
import {
  ConfigurationError,
  DatabaseConnection,
  DatabaseRegistry,
  Field,
  Manager,
  MigrationError,
  Model,
  ModelRegistrationError,
  SCHEMA_MIGRATIONS_TABLE,
} from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';

@Model({ table: 'reg_authors' })
class Author {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'reg_posts' })
class Post {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'reg_authors.id' }) @IsInt() authorId!: number;
  @Field() @IsString() title!: string;
}

@Model({ table: 'reg_comments', autoCreate: false })
class Comment {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'reg_posts.id' }) @IsInt() postId!: number;
}

function sql(connection: DatabaseConnection, text: string): string {
  let n = 0;
  return connection.dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
}

/**
 * The driver error's message. (Driver errors are matched by message, not `toThrow()`: when
 * several test files share a jest worker, better-sqlite3's error class comes from another realm.)
 */
async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error) => String(error?.message ?? error),
  );
}
const FOREIGN_KEY = /foreign key/i;

describe('DatabaseRegistry without a database', () => {
  it('opens nothing when constructed or when models are registered', () => {
    const db = new DatabaseRegistry({ url: 'postgres://nobody@127.0.0.1:1/none' });
    db.register(Post, Author);
    expect(db.connection.isOpen).toBe(false);
    expect(db.models()).toEqual([Post, Author]);
  });

  it('returns one manager per model', () => {
    const db = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(Author);
    const users = db.manager(Author);
    expect(users).toBeInstanceOf(Manager);
    expect(db.manager(Author)).toBe(users);
    expect(users.meta.table).toBe('reg_authors');
  });

  it('refuses managers of unregistered models and two models on one table', () => {
    const db = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(Author);
    expect(() => db.manager(Post)).toThrow(ConfigurationError);
    @Model({ table: 'reg_authors' })
    class Writer {
      @Field() @IsInt() id!: number;
    }
    expect(() => db.register(Writer)).toThrow(/already used by Author/);
  });

  it('refuses a foreign key to a column the registered model does not have, in either order', () => {
    @Model({ table: 'reg_bad_posts' })
    class BadPost {
      @Field() @IsInt() id!: number;
      @Field({ foreignKey: 'reg_authors.uid' }) @IsInt() authorId!: number;
    }
    const first = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(Author);
    expect(() => first.register(BadPost)).toThrow(
      /BadPost.authorId: foreignKey 'reg_authors.uid' names no column of Author/,
    );
    expect(first.isRegistered(BadPost)).toBe(false);
    const second = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(BadPost);
    const error = (() => {
      try {
        second.register(Author);
      } catch (e) {
        return e as ConfigurationError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.context).toMatchObject({ model: 'BadPost', field: 'authorId' });
  });

  it('reports an unreachable database as down without revealing the password', async () => {
    const db = new DatabaseRegistry({ url: 'postgres://app:s3cret-pw@127.0.0.1:1/none' });
    const health = await db.health({ timeoutMs: 3000 });
    expect(health.ok).toBe(false);
    expect(health.dialect).toBe('postgres');
    expect(typeof health.error).toBe('string');
    expect(JSON.stringify(health)).not.toContain('s3cret-pw');
    await db.dispose();
  });

  it('surfaces registration errors from register()', () => {
    class NotAModel {}
    const db = new DatabaseRegistry({ url: 'sqlite::memory:' });
    expect(() => db.register(NotAModel)).toThrow(ModelRegistrationError);
    expect(db.models()).toEqual([]);
  });

  it('gives each registry its own copy of model metadata', () => {
    const a = new DatabaseRegistry({ url: 'sqlite::memory:', name: 'a' }).register(Author);
    const b = new DatabaseRegistry({ url: 'sqlite::memory:', name: 'b' }).register(Author);
    expect(a.metadata(Author)).not.toBe(b.metadata(Author));
    expect(a.metadata(Author).fields).toBe(b.metadata(Author).fields);
  });
});

describeEachDialect('DatabaseRegistry lifecycle', (target) => {
  let db: DatabaseRegistry;

  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url, autoCreate: false });
    db.register(Comment, Post, Author);
  });
  afterAll(() => db.dispose());

  it('reports missing tables as drift and refuses assertSchemaCurrent', async () => {
    expect(await db.checkAll()).toBe(false);
    const diff = await db.diffAll();
    expect(Object.keys(diff).sort()).toEqual(['reg_authors', 'reg_comments', 'reg_posts']);
    expect(diff.reg_posts.missingTable).toBe(true);
    const error = await db.assertSchemaCurrent().catch((e) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toContain('reg_posts: table missing');
    expect(Object.keys(error.context.tables).sort()).toEqual([
      'reg_authors',
      'reg_comments',
      'reg_posts',
    ]);
  });

  it('does not create tables before first use when autoCreate is off', async () => {
    await db.schema(Author).ensureReady();
    expect(await db.schema(Author).schemaExists()).toBe(false);
  });

  it('createAll creates tables in foreign-key order and records the ledger once', async () => {
    const created = await db.createAll();
    expect(created).toEqual(['reg_authors', 'reg_posts', 'reg_comments']);
    expect(await db.checkAll()).toBe(true);
    await db.assertSchemaCurrent();
    const ledger = await db.connection.query<{ version: string; tables: string }>(
      `SELECT version, tables FROM ${SCHEMA_MIGRATIONS_TABLE}`,
    );
    expect(ledger).toHaveLength(1);
    expect(ledger[0].version).toBe(db.schemaChecksum());
    expect(JSON.parse(ledger[0].tables).sort()).toEqual([
      'reg_authors',
      'reg_comments',
      'reg_posts',
    ]);
    expect(await db.createAll()).toEqual([]);
    expect(await db.connection.query(`SELECT id FROM ${SCHEMA_MIGRATIONS_TABLE}`)).toHaveLength(1);
  });

  it('lists added columns as drift in assertSchemaCurrent', async () => {
    await db.schema(Author).ensureColumn('nickname', { type: 'string' });
    const error = await db.assertSchemaCurrent().catch((e) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toContain('reg_authors: extra columns nickname');
    expect(error.context.tables.reg_authors.extraColumns).toEqual(['nickname']);
  });

  it('runs transaction callbacks on the connection: commit on success, rollback on a throw', async () => {
    const c = db.connection;
    const value = await db.transaction(async () => {
      await c.execute(sql(c, 'INSERT INTO reg_authors (name) VALUES (?)'), ['kept']);
      return 42;
    });
    expect(value).toBe(42);
    const boom = new Error('boom');
    await expect(
      db.transaction(async () => {
        await c.execute(sql(c, 'INSERT INTO reg_authors (name) VALUES (?)'), ['lost']);
        throw boom;
      }),
    ).rejects.toBe(boom);
    const names = (await c.query<{ name: string }>('SELECT name FROM reg_authors')).map(
      (r) => r.name,
    );
    expect(names).toEqual(['kept']);
  });

  it('builds TypeORM entity schemas that the DataSource accepts', async () => {
    const source = await db.connection.dataSource();
    expect(source.entityMetadatas.map((m) => m.tableName).sort()).toEqual([
      'reg_authors',
      'reg_comments',
      'reg_posts',
    ]);
    const posts = source.getMetadata('reg_posts');
    expect(
      posts.foreignKeys.map((fk) => [
        fk.columnNames,
        fk.referencedTablePath,
        fk.referencedColumnNames,
      ]),
    ).toEqual([[['author_id'], 'reg_authors', ['id']]]);
  });
});

describeEachDialect('DatabaseRegistry autoCreate', (target) => {
  it('creates missing tables lazily, referenced tables first, and skips autoCreate: false models', async () => {
    const db = new DatabaseRegistry({ url: target().url });
    try {
      db.register(Comment, Post, Author);
      expect(db.connection.isOpen).toBe(false);
      await db.schema(Post).ensureReady();
      expect(db.schema(Post).ready).toBe(true);
      expect(await db.schema(Author).schemaExists()).toBe(true);
      expect(await db.schema(Post).schemaExists()).toBe(true);
      expect(await db.schema(Comment).schemaExists()).toBe(false);
    } finally {
      await db.dispose();
      await db.dispose();
    }
    expect(db.connection.isOpen).toBe(false);
  });

  it('creates tables before a transaction begins', async () => {
    @Model({ table: 'reg_notes' })
    class Note {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsOptional() @IsString() body?: string | null;
    }
    const db = new DatabaseRegistry({ url: target().url }).register(Note);
    try {
      await db.transaction(async () => {
        await db.connection.execute(sql(db.connection, 'INSERT INTO reg_notes (body) VALUES (?)'), [
          'x',
        ]);
      });
      expect(await db.connection.query('SELECT id FROM reg_notes')).toHaveLength(1);
    } finally {
      await db.dispose();
    }
  });

  it('survives a rollback of the transaction in which a table was first used', async () => {
    @Model({ table: 'reg_first_use' })
    class FirstUse {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsString() body!: string;
    }
    const db = new DatabaseRegistry({ url: target().url }).register(FirstUse);
    const notes = db.manager(FirstUse);
    const boom = new Error('rolled back');
    try {
      await expect(
        db.connection.transaction(async () => {
          await notes.create({ body: 'lost' });
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await notes.count()).toBe(0);
      await notes.create({ body: 'kept' });
      expect((await notes.all()).map((n) => n.body)).toEqual(['kept']);
    } finally {
      await db.dispose();
    }
  });

  it('closes reference cycles with foreign keys added after both tables exist', async () => {
    @Model({ table: 'reg_a' })
    class A {
      @Field() @IsInt() id!: number;
      @Field({ foreignKey: 'reg_b.id', nullable: true }) @IsOptional() @IsInt() bId?: number | null;
    }
    @Model({ table: 'reg_b' })
    class B {
      @Field() @IsInt() id!: number;
      @Field({ foreignKey: 'reg_a.id', nullable: true }) @IsOptional() @IsInt() aId?: number | null;
    }
    const db = new DatabaseRegistry({ url: target().url }).register(A, B);
    try {
      expect((await db.createAll()).sort()).toEqual(['reg_a', 'reg_b']);
      const c = db.connection;
      await c.execute(sql(c, 'INSERT INTO reg_a (id) VALUES (?)'), [1]);
      expect(
        await failure(c.execute(sql(c, 'INSERT INTO reg_b (id, a_id) VALUES (?, ?)'), [1, 99])),
      ).toMatch(FOREIGN_KEY);
      expect(
        await failure(c.execute(sql(c, 'UPDATE reg_a SET b_id = ? WHERE id = ?'), [99, 1])),
      ).toMatch(FOREIGN_KEY);
      await c.execute(sql(c, 'INSERT INTO reg_b (id, a_id) VALUES (?, ?)'), [1, 1]);
    } finally {
      await db.dispose();
    }
  });

  it('reports a reachable database as up', async () => {
    const db = new DatabaseRegistry({ url: target().url });
    try {
      expect(await db.health()).toMatchObject({
        ok: true,
        dialect: target().dialect === 'mariadb' ? 'mysql' : target().dialect,
      });
    } finally {
      await db.dispose();
    }
  });

  it('migrates additively: dry run reports, a real run creates tables and adds columns', async () => {
    @Model({ table: 'reg_mig_parents' })
    class Parent {
      @Field() @IsInt() id!: number;
    }
    @Model({ table: 'reg_mig_children' })
    class Child {
      @Field() @IsInt() id!: number;
      @Field({ foreignKey: 'reg_mig_parents.id' }) @IsInt() parentId!: number;
    }
    @Model({ table: 'reg_mig_children' })
    class ChildV2 {
      @Field() @IsInt() id!: number;
      @Field({ foreignKey: 'reg_mig_parents.id' }) @IsInt() parentId!: number;
      @Field() @IsOptional() @IsString() label?: string | null;
    }
    const v1 = new DatabaseRegistry({ url: target().url, autoCreate: false }).register(
      Child,
      Parent,
    );
    const v2 = new DatabaseRegistry({ url: target().url, autoCreate: false }).register(
      ChildV2,
      Parent,
    );
    try {
      await v1.schema(Parent).createSchema();
      await v1.schema(Child).createSchema();
      const dry = await v2.migrate();
      expect(dry.reg_mig_children.missingColumns).toEqual(['label']);
      expect(await v2.schema(ChildV2).columnNames()).not.toContain('label');
      const done = await v2.migrate({ dryRun: false });
      expect(done.reg_mig_children.ok).toBe(true);
      expect(await v2.checkAll()).toBe(true);
      await v2.schema(ChildV2).dropSchema();
      await v2.schema(Parent).dropSchema();
      const rebuilt = await v2.migrate({ dryRun: false });
      expect(Object.values(rebuilt).every((d) => d.ok)).toBe(true);
    } finally {
      await v1.dispose();
      await v2.dispose();
    }
  });

  it('lets several processes create the same tables at once', async () => {
    @Model({ table: 'reg_race', unique: [['a', 'b']] })
    class Race {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field({ index: true }) @IsString() a!: string;
      @Field({ index: true }) @IsString() b!: string;
    }
    const replicas = [1, 2, 3, 4].map((n) =>
      new DatabaseRegistry({ url: target().url, name: `replica${n}` }).register(Race),
    );
    try {
      await Promise.all(replicas.map((db) => db.manager(Race).count()));
      expect(await replicas[0].checkAll()).toBe(true);
    } finally {
      await Promise.all(replicas.map((db) => db.dispose()));
    }
  });

  it('keeps named registries apart', async () => {
    const main = new DatabaseRegistry({ url: target().url, name: 'main' }).register(Author);
    const side = new DatabaseRegistry({ url: 'sqlite::memory:', name: 'side' }).register(Author);
    try {
      await main.schema(Author).ensureReady();
      await side.schema(Author).ensureReady();
      await side.connection.execute('INSERT INTO reg_authors (name) VALUES (?)', ['only-side']);
      expect(main.connection.name).toBe('main');
      expect(side.connection.name).toBe('side');
      const inMain = await main.connection.query<{ name: string }>('SELECT name FROM reg_authors');
      expect(inMain.map((r) => r.name)).not.toContain('only-side');
    } finally {
      await main.dispose();
      await side.dispose();
    }
  });
});
