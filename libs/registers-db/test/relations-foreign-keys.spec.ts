import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { emptyTables } from './support/registry';
import { Field, Model } from '../src/decorators';
import { ForeignKeyViolationError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'fk_authors' })
class Author {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'fk_posts' })
class Post {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'fk_authors.id', index: true }) @IsInt() authorId!: number;
  @Field() @IsString() title!: string;
}

@Model({ table: 'fk_tags' })
class Tag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'fk_post_tags' })
class PostTag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'fk_posts.id' }) @IsInt() postId!: number;
  @Field({ foreignKey: 'fk_tags.id' }) @IsInt() tagId!: number;
}

@Model({ table: 'fk_writers', key: 'slug' })
class Writer {
  @Field({ id: 'manual', length: 60 }) @IsString() slug!: string;
}

@Model({ table: 'fk_articles' })
class Article {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'fk_writers.slug', length: 60 }) @IsString() writerSlug!: string;
  @Field() @IsString() title!: string;
}

const MISSING = 999_999;

async function foreignKeyError(promise: Promise<unknown>): Promise<ForeignKeyViolationError> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(error).toBeInstanceOf(ForeignKeyViolationError);
  return error as ForeignKeyViolationError;
}

describeEachDialect('Relations: foreign keys are enforced', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(
      Author,
      Post,
      Tag,
      PostTag,
      Writer,
      Article,
    );
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [PostTag, Post, Tag, Author, Article, Writer]));

  const authors = () => db.manager(Author);
  const posts = () => db.manager(Post);

  it('refuses to create a child whose parent does not exist, naming the field, and writes nothing', async () => {
    const error = await foreignKeyError(posts().create({ authorId: MISSING, title: 'orphan' }));
    expect(error.context).toMatchObject({ model: 'Post', table: 'fk_posts', operation: 'create' });
    expect(error.context.fields).toEqual(['authorId']);
    expect(JSON.stringify(error)).not.toContain(String(MISSING));
    expect(await posts().count()).toBe(0);
  });

  it('rolls back a whole bulk create when one row has a missing parent, naming that row', async () => {
    const ada = await authors().create({ name: 'Ada' });
    const error = await foreignKeyError(
      posts().bulkCreate([
        { authorId: ada.id!, title: 'valid' },
        { authorId: MISSING, title: 'orphan' },
        { authorId: ada.id!, title: 'valid too' },
      ]),
    );
    expect(error.context.rowIndex).toBe(1);
    expect(await posts().count()).toBe(0);
  });

  it('refuses updateWhere to a missing parent and leaves the row unchanged', async () => {
    const ada = await authors().create({ name: 'Ada' });
    const post = await posts().create({ authorId: ada.id!, title: 'valid' });
    await foreignKeyError(posts().updateWhere({ id: post.id }, { authorId: MISSING }));
    expect((await posts().require(post.id!)).authorId).toBe(ada.id);
  });

  it('refuses record.update and record.save to a missing parent and leaves the row unchanged', async () => {
    const ada = await authors().create({ name: 'Ada' });
    const post = await posts().create({ authorId: ada.id!, title: 'valid' });
    await foreignKeyError(post.update({ authorId: MISSING }));
    post.authorId = MISSING;
    await foreignKeyError(post.save());
    expect((await posts().require(post.id!)).authorId).toBe(ada.id);
  });

  it('refuses an upsert that points at a missing parent', async () => {
    const ada = await authors().create({ name: 'Ada' });
    const post = await posts().create({ authorId: ada.id!, title: 'valid' });
    await foreignKeyError(posts().upsert({ id: post.id, authorId: MISSING, title: 'moved' }));
    expect(await posts().require(post.id!)).toMatchObject({ authorId: ada.id, title: 'valid' });
  });

  it('refuses to delete a parent that still has children, and keeps both rows', async () => {
    const ada = await authors().create({ name: 'Ada' });
    await posts().create({ authorId: ada.id!, title: 'keeps the parent alive' });
    const error = await foreignKeyError(authors().delete(ada.id!));
    expect(error.context).toMatchObject({ model: 'Author', operation: 'delete' });
    await foreignKeyError(authors().deleteWhere({ id: ada.id }));
    await foreignKeyError(ada.delete());
    expect(await authors().exists({ id: ada.id })).toBe(true);
    expect(await posts().count({ authorId: ada.id })).toBe(1);
  });

  it('deletes the parent once its children are gone', async () => {
    const ada = await authors().create({ name: 'Ada' });
    await posts().create({ authorId: ada.id!, title: 'child' });
    await posts().deleteWhere({ authorId: ada.id });
    expect(await authors().delete(ada.id!)).toBe(true);
  });

  it('rolls back earlier writes of a transaction whose later write breaks a foreign key', async () => {
    await foreignKeyError(
      db.transaction(async () => {
        const ada = await authors().create({ name: 'Ada' });
        await posts().create({ authorId: ada.id!, title: 'valid' });
        await posts().create({ authorId: MISSING, title: 'orphan' });
      }),
    );
    expect(await authors().count()).toBe(0);
    expect(await posts().count()).toBe(0);
  });

  it('refuses join rows whose source or target is missing', async () => {
    const ada = await authors().create({ name: 'Ada' });
    const post = await posts().create({ authorId: ada.id!, title: 'tagged' });
    const tag = await db.manager(Tag).create({ name: 'db' });
    await db.manager(PostTag).create({ postId: post.id!, tagId: tag.id! });
    expect(
      (await foreignKeyError(db.manager(PostTag).create({ postId: post.id!, tagId: MISSING })))
        .context.fields,
    ).toEqual(expect.arrayContaining(['tagId']));
    expect(
      (await foreignKeyError(db.manager(PostTag).create({ postId: MISSING, tagId: tag.id! })))
        .context.fields,
    ).toEqual(expect.arrayContaining(['postId']));
    expect(await db.manager(PostTag).count()).toBe(1);
  });

  it('enforces foreign keys that point at a string key', async () => {
    await db.manager(Writer).create({ slug: 'alice' });
    await db.manager(Article).create({ writerSlug: 'alice', title: 'ok' });
    await foreignKeyError(db.manager(Article).create({ writerSlug: 'nobody', title: 'orphan' }));
    await foreignKeyError(db.manager(Writer).delete('alice'));
    expect(await db.manager(Article).count()).toBe(1);
  });
});

describeEachDialect(
  'Relations: SQLite connection settings',
  (target) => {
    it('turns foreign key enforcement on for every SQLite connection', async () => {
      const db = new DatabaseRegistry({ url: target().url }).register(Author);
      try {
        const rows = await db.connection.query<{ foreign_keys: number }>('PRAGMA foreign_keys');
        expect(Number(rows[0].foreign_keys)).toBe(1);
      } finally {
        await db.dispose();
      }
    });
  },
  { only: ['sqlite'] },
);
