import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { AssertionError } from 'node:assert';
import { IsEmail, IsInt, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { emptyTables } from './support/registry';
import { DatabaseConnection } from '../src/connection';
import { statementCounts } from '../src/connection/statement-count-scope';
import { Field, Model } from '../src/decorators';
import {
  ConfigurationError,
  InvalidQueryError,
  RelationshipError,
  ValidationError,
} from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import {
  defineRelations,
  loadRelated,
  ManyToMany,
  ManyToOne,
  OneToMany,
  prefetch,
} from '../src/relations';
import { assertQueryCount, createTestRegistry, factory, TestRegistry } from '@registers/db/testing';

@Model({ table: 'kit_users', unique: ['email'] })
class User {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 200 }) @IsEmail() email!: string;
  @Field() @IsString() name!: string;
  @Field() @IsString() role: string = 'member';
}

@Model({ table: 'kit_posts' })
class Post {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'kit_users.id', nullable: true }) @IsOptional() @IsInt() userId?:
    number | null;
  @Field() @IsString() title!: string;
}

@Model({ table: 'kit_tags' })
class Tag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'kit_post_tags' })
class PostTag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'kit_posts.id' }) @IsInt() postId!: number;
  @Field({ foreignKey: 'kit_tags.id' }) @IsInt() tagId!: number;
}

defineRelations(User, { posts: OneToMany(() => Post, { foreignKey: 'userId' }) });
defineRelations(Post, {
  user: ManyToOne(() => User, { localKey: 'userId' }),
  tags: ManyToMany(() => Tag, { through: () => PostTag, sourceKey: 'postId', targetKey: 'tagId' }),
});

const MODELS = [User, Post, Tag, PostTag];

/** Whether the schema (PostgreSQL) or database (MariaDB) `name` exists on the server of `url`. */
async function serverHasSchema(url: string, name: string): Promise<boolean> {
  const connection = new DatabaseConnection({ url, name: 'probe' });
  try {
    const placeholder = connection.dialect === 'postgres' ? '$1' : '?';
    const rows = await connection.query(
      `SELECT schema_name AS name FROM information_schema.schemata WHERE schema_name = ${placeholder}`,
      [name],
    );
    return rows.length > 0;
  } finally {
    await connection.close();
  }
}

describe('Testing kit: in-memory registries', () => {
  it('gives every call its own in-memory SQLite database with the tables created', async () => {
    const a = await createTestRegistry(MODELS);
    const b = await createTestRegistry(MODELS);
    try {
      expect(a.dialect).toBe('sqlite');
      expect(await a.schema(User).schemaExists()).toBe(true);
      await a.manager(User).create({ email: 'a@example.com', name: 'A' });
      expect(await a.manager(User).count()).toBe(1);
      expect(await b.manager(User).count()).toBe(0);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });

  it('refuses models whose relations are misconfigured when the registry is made', async () => {
    @Model({ table: 'kit_broken' })
    class Broken {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(Broken, { posts: OneToMany(() => Post, { foreignKey: 'brokenId' as any }) });
    await expect(createTestRegistry([Broken, Post, User])).rejects.toThrow(
      new RelationshipError(
        "Broken.posts: foreignKey 'brokenId' is not a field of Post (fields: id, userId, title)",
      ),
    );
  });

  it('asks for { registry } when several live test registries could serve a factory', async () => {
    const a = await createTestRegistry([User]);
    const b = await createTestRegistry([User]);
    try {
      const users = factory(User, { defaults: { email: (n) => `u${n}@example.com`, name: 'U' } });
      await expect(users.create()).rejects.toThrow(ConfigurationError);
      await factory(User, {
        defaults: { email: 'x@example.com', name: 'X' },
        registry: b,
      }).create();
      expect(await b.manager(User).count()).toBe(1);
      expect(await a.manager(User).count()).toBe(0);
    } finally {
      await a.dispose();
      await b.dispose();
    }
    await expect(
      factory(User, { defaults: { email: 'x@example.com', name: 'X' } }).create(),
    ).rejects.toThrow('no live test registry has User registered');
  });

  it('requires max or exact and whole numbers in assertQueryCount', async () => {
    const db = await createTestRegistry([User]);
    try {
      await expect(assertQueryCount({}, async () => undefined)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(assertQueryCount({ max: -1 }, async () => undefined)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      await expect(assertQueryCount({ exact: 1.5 }, async () => undefined)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
    } finally {
      await db.dispose();
    }
  });

  it('builds unsaved model instances from defaults without a registry', () => {
    const users = factory(User, {
      defaults: { email: (n) => `user${n}@example.com`, name: 'User' },
    });
    const first = users.build();
    const second = users.build({ name: (n) => `Custom ${n}` });
    expect(first).toBeInstanceOf(User);
    expect(first).toEqual(
      Object.assign(new User(), { email: 'user1@example.com', name: 'User', role: 'member' }),
    );
    expect(second.name).toBe('Custom 2');
    expect(users.sequence).toBe(2);
    expect(users.attributes({ role: 'admin' })).toEqual({
      email: 'user3@example.com',
      name: 'User',
      role: 'admin',
    });
  });
});

describeEachDialect('Testing kit', (target) => {
  describe('createTestRegistry with a url', () => {
    it('makes a fresh database per call and never writes to the given one', async () => {
      const a = await createTestRegistry(MODELS, { url: target().url });
      const b = await createTestRegistry(MODELS, { url: target().url });
      const base = new DatabaseRegistry({ url: target().url, autoCreate: false }).register(User);
      try {
        expect(a).toBeInstanceOf(TestRegistry);
        expect(a.dialect).toBe(target().dialect === 'mariadb' ? 'mysql' : target().dialect);
        await a.manager(User).create({ email: 'a@example.com', name: 'A' });
        expect(await a.manager(User).count()).toBe(1);
        expect(await b.manager(User).count()).toBe(0);
        expect(await base.schema(User).schemaExists()).toBe(false);
      } finally {
        await a.dispose();
        await b.dispose();
        await base.dispose();
      }
    });

    it('removes its database when disposed, and a second dispose does nothing', async () => {
      const db = await createTestRegistry([User], { url: target().url });
      await db.manager(User).create({ email: 'a@example.com', name: 'A' });
      const file =
        target().dialect === 'sqlite' ? db.connection.url.slice('sqlite:'.length) : undefined;
      if (file) expect(existsSync(file)).toBe(true);
      else expect(await serverHasSchema(target().url, db.name)).toBe(true);
      await db.dispose();
      await db.dispose();
      if (file) expect(existsSync(file)).toBe(false);
      else expect(await serverHasSchema(target().url, db.name)).toBe(false);
    });
  });

  describe('with a test registry', () => {
    let db: TestRegistry;
    beforeAll(async () => {
      db = await createTestRegistry(MODELS, { url: target().url });
    });
    afterAll(() => db.dispose());
    beforeEach(() => emptyTables(db, [PostTag, Post, Tag, User]));

    const users = factory(User, {
      defaults: { email: (n) => `user${n}@example.com`, name: (n) => `User ${n}` },
    });
    const posts = factory(Post, { defaults: { title: (n) => `Post ${n}` } });
    const tags = factory(Tag, { defaults: { name: (n) => `tag-${n}` } });

    it('creates a validated record through the registry manager', async () => {
      const user = await users.create({ role: 'admin' });
      expect(user).toBeInstanceOf(User);
      expect(typeof user.id).toBe('number');
      expect(await db.manager(User).require(user.id!)).toMatchObject({
        email: user.email,
        role: 'admin',
      });
      await expect(users.create({ email: 'not an email' })).rejects.toBeInstanceOf(ValidationError);
    });

    it('creates a batch with distinct sequence values in one go, or nothing when one row is bad', async () => {
      const batch = await users.createBatch(5);
      expect(new Set(batch.map((u) => u.email)).size).toBe(5);
      expect(await db.manager(User).count()).toBe(5);
      await expect(
        users.createBatch(3, { email: (n) => (n % 2 === 0 ? 'bad' : `ok${n}@example.com`) }),
      ).rejects.toBeInstanceOf(ValidationError);
      expect(await db.manager(User).count()).toBe(5);
      expect(await users.createBatch(0)).toEqual([]);
      await expect(users.createBatch(-1)).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('stores a built instance with manager.save', async () => {
      const built = users.build({ name: 'Built' });
      expect(built.id).toBeUndefined();
      const saved = await db.manager(User).save(built);
      expect(await db.manager(User).require(saved.id!)).toMatchObject({ name: 'Built' });
    });

    it('counts the statements that reach the database and returns the callback value', async () => {
      const user = await users.create();
      const found = await assertQueryCount({ exact: 1 }, () => db.manager(User).get(user.id!));
      expect(found?.id).toBe(user.id);
      await assertQueryCount({ max: 2 }, async () => {
        await db.manager(User).count();
        await db.manager(User).exists({ id: user.id });
      });
      await assertQueryCount({ exact: 0 }, async () => undefined);
    });

    it('fails with the SQL of every statement when the count is over max or not exact', async () => {
      const user = await users.create();
      const over = await assertQueryCount({ max: 1 }, async () => {
        await db.manager(User).get(user.id!);
        await db.manager(User).count();
      }).catch((e) => e);
      expect(over).toBeInstanceOf(AssertionError);
      expect(over.message).toMatch(
        /^Expected at most 1 statement\(s\), 2 ran:\n {2}1\. SELECT .*kit_users.*\n {2}2\. SELECT COUNT/s,
      );
      expect(over.message).not.toContain(String(user.email));
      const notExact = await assertQueryCount({ exact: 2 }, () => db.manager(User).count()).catch(
        (e) => e,
      );
      expect(notExact).toBeInstanceOf(AssertionError);
      expect(notExact.message).toContain('Expected exactly 2 statement(s), 1 ran');
    });

    it('rethrows the callback error and stops counting afterwards', async () => {
      const boom = new Error('boom');
      await expect(
        assertQueryCount({ max: 5 }, async () => {
          await db.manager(User).count();
          throw boom;
        }),
      ).rejects.toBe(boom);
      // No count is left running: connections are back to their one-comparison path.
      expect(statementCounts.running).toBe(0);
    });

    it('counts nested assertions independently', async () => {
      await assertQueryCount({ exact: 3 }, async () => {
        await db.manager(User).count();
        await assertQueryCount({ exact: 2 }, async () => {
          await db.manager(User).count();
          await db.manager(Post).count();
        });
      });
    });

    it('prefetches each relation of 100 parents with exactly one query', async () => {
      const authors = await users.createBatch(10);
      const tagList = await tags.createBatch(4);
      const list = await posts.createBatch(100, { userId: (n) => authors[n % 10].id });
      await db
        .manager(PostTag)
        .bulkCreate(list.map((p, i) => ({ postId: p.id!, tagId: tagList[i % 4].id! })));
      await assertQueryCount({ exact: 1 }, () => prefetch(list, 'user'));
      await assertQueryCount({ exact: 1 }, () => prefetch(authors, 'posts'));
      await assertQueryCount({ exact: 1 }, () => prefetch(list, 'tags'));
      await assertQueryCount({ exact: 0 }, async () => {
        for (const post of list) {
          const user = await loadRelated<User>(post, 'user');
          expect(user.id).toBe(post.userId);
          expect(await loadRelated<Tag[]>(post, 'tags')).toHaveLength(1);
        }
        const counts = await Promise.all(authors.map((a) => loadRelated<Post[]>(a, 'posts')));
        expect(counts.map((c) => c.length)).toEqual(Array(10).fill(10));
      });
    });
  });
});
