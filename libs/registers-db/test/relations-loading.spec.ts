import 'reflect-metadata';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { emptyTables } from './support/registry';
import { Field, Model } from '../src/decorators';
import { RelationshipError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import {
  clearRelated,
  defineRelations,
  linkRelations,
  loadRelated,
  ManyToMany,
  ManyToOne,
  OneToMany,
  prefetch,
} from '../src/relations';
import { MAX_LIST_LENGTH } from '../src/query/filter-value';
import { assertQueryCount } from '../src/testing';

@Model({ table: 'rel_authors', unique: ['email'] })
class Author {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field({ length: 120 }) @IsString() email!: string;
}

@Model({ table: 'rel_posts' })
class Post {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'rel_authors.id', nullable: true, index: true })
  @IsOptional()
  @IsInt()
  authorId?: number | null;
  @Field() @IsString() title!: string;
}

@Model({ table: 'rel_tags' })
class Tag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

/** Join rows may repeat and may point at deleted tags (no foreign key on tagId). */
@Model({ table: 'rel_post_tags' })
class PostTag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'rel_posts.id' }) @IsInt() postId!: number;
  @Field() @IsInt() tagId!: number;
}

/** A loose reference (no foreign key), so the author row may be missing. */
@Model({ table: 'rel_comments' })
class Comment {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ nullable: true }) @IsOptional() @IsInt() postId?: number | null;
  @Field({ nullable: true }) @IsOptional() @IsInt() authorId?: number | null;
  @Field({ length: 120, nullable: true }) @IsOptional() @IsString() authorEmail?: string | null;
  @Field() @IsString() body!: string;
}

@Model({ table: 'rel_writers', key: 'slug' })
class Writer {
  @Field({ id: 'manual', length: 60 }) @IsString() slug!: string;
  @Field() @IsString() name!: string;
}

@Model({ table: 'rel_articles' })
class Article {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'rel_writers.slug', length: 60 }) @IsString() writerSlug!: string;
  @Field() @IsString() title!: string;
}

defineRelations(Author, {
  posts: OneToMany(() => Post, { foreignKey: 'authorId' }),
  postsByTitle: OneToMany(() => Post, { foreignKey: 'authorId', orderBy: '-title' }),
  // The posts table as its own join table: exercises the aliased self-join.
  postsViaJoin: ManyToMany(() => Post, {
    through: () => Post,
    sourceKey: 'authorId',
    targetKey: 'id',
  }),
});
const PostRelations = defineRelations(Post, {
  author: ManyToOne(() => Author, { localKey: 'authorId' }),
  tags: ManyToMany(() => Tag, { through: () => PostTag, sourceKey: 'postId', targetKey: 'tagId' }),
  tagsByName: ManyToMany(() => Tag, {
    through: () => PostTag,
    sourceKey: 'postId',
    targetKey: 'tagId',
    orderBy: 'name',
  }),
  comments: OneToMany(() => Comment, { foreignKey: 'postId' }),
});
defineRelations(Comment, {
  author: ManyToOne(() => Author, { localKey: 'authorId' }),
  authorByEmail: ManyToOne(() => Author, { localKey: 'authorEmail', targetKey: 'email' }),
});
defineRelations(Writer, { articles: OneToMany(() => Article, { foreignKey: 'writerSlug' }) });
defineRelations(Article, { writer: ManyToOne(() => Writer, { localKey: 'writerSlug' }) });

const titles = (posts: Post[]) => posts.map((p) => p.title);

describeEachDialect('Relations: loading and prefetch', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(
      Author,
      Post,
      Tag,
      PostTag,
      Comment,
      Writer,
      Article,
    );
    linkRelations(db);
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [PostTag, Comment, Post, Tag, Author, Article, Writer]));

  const authors = () => db.manager(Author);
  const posts = () => db.manager(Post);
  const tags = () => db.manager(Tag);
  const postTags = () => db.manager(PostTag);
  const comments = () => db.manager(Comment);

  it('loads the posts of an author in key order and none of another author', async () => {
    const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
    const bob = await authors().create({ name: 'Bob', email: 'bob@example.com' });
    await posts().create({ authorId: ada.id, title: 'first' });
    await posts().create({ authorId: bob.id, title: 'other' });
    await posts().create({ authorId: ada.id, title: 'second' });
    const adaPosts = await loadRelated<Post[]>(ada, 'posts');
    expect(titles(adaPosts)).toEqual(['first', 'second']);
    expect(adaPosts[0]).toBeInstanceOf(Post);
    expect(titles(await loadRelated<Post[]>(bob, 'posts'))).toEqual(['other']);
  });

  it('orders one-to-many records by the relation orderBy', async () => {
    const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
    for (const title of ['b', 'c', 'a']) await posts().create({ authorId: ada.id, title });
    expect(titles(await loadRelated<Post[]>(ada, 'postsByTitle'))).toEqual(['c', 'b', 'a']);
  });

  it('returns an empty list for an author without posts', async () => {
    const lonely = await authors().create({ name: 'Lonely', email: 'lonely@example.com' });
    expect(await loadRelated(lonely, 'posts')).toEqual([]);
  });

  it('loads the author of a post, and null when the post has no author key', async () => {
    const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
    const owned = await posts().create({ authorId: ada.id, title: 'owned' });
    const orphan = await posts().create({ title: 'no owner' });
    const author = await PostRelations.load(owned, 'author');
    expect(author).toBeInstanceOf(Author);
    expect(author?.name).toBe('Ada');
    expect(await PostRelations.load(orphan, 'author')).toBeNull();
  });

  it('returns null for a many-to-one whose parent row does not exist', async () => {
    const dangling = await comments().create({ authorId: 999_999, body: 'dangling' });
    expect(await loadRelated(dangling, 'author')).toBeNull();
  });

  it('follows a many-to-one to a unique field that is not the key', async () => {
    await authors().create({ name: 'Ada', email: 'ada@example.com' });
    const comment = await comments().create({ authorEmail: 'ada@example.com', body: 'hi' });
    const unknown = await comments().create({ authorEmail: 'nobody@example.com', body: 'hi' });
    expect((await loadRelated<Author>(comment, 'authorByEmail'))?.name).toBe('Ada');
    expect(await loadRelated(unknown, 'authorByEmail')).toBeNull();
  });

  it('loads each many-to-many target once even when join rows repeat, and skips deleted targets', async () => {
    const post = await posts().create({ title: 'relations' });
    const kept = await tags().create({ name: 'kept' });
    const removed = await tags().create({ name: 'removed' });
    const other = await tags().create({ name: 'other' });
    await postTags().create({ postId: post.id!, tagId: kept.id! });
    await postTags().create({ postId: post.id!, tagId: kept.id! });
    await postTags().create({ postId: post.id!, tagId: removed.id! });
    await postTags().create({ postId: post.id!, tagId: other.id! });
    await tags().delete(removed.id!);
    const loaded = await PostRelations.load(post, 'tags');
    expect(loaded.map((t) => t.name)).toEqual(['kept', 'other']);
    expect(loaded[0]).toBeInstanceOf(Tag);
  });

  it('orders many-to-many targets by join row order, or by the relation orderBy', async () => {
    const post = await posts().create({ title: 'order' });
    const zeta = await tags().create({ name: 'zeta' });
    const alpha = await tags().create({ name: 'alpha' });
    await postTags().create({ postId: post.id!, tagId: zeta.id! });
    await postTags().create({ postId: post.id!, tagId: alpha.id! });
    expect((await loadRelated<Tag[]>(post, 'tags')).map((t) => t.name)).toEqual(['zeta', 'alpha']);
    expect((await loadRelated<Tag[]>(post, 'tagsByName')).map((t) => t.name)).toEqual([
      'alpha',
      'zeta',
    ]);
  });

  it('follows string keys that are not named id in both directions', async () => {
    const alice = await db.manager(Writer).create({ slug: 'alice', name: 'Alice' });
    const bob = await db.manager(Writer).create({ slug: 'bob', name: 'Bob' });
    const article = await db
      .manager(Article)
      .create({ writerSlug: 'alice', title: 'Correct parent' });
    await db.manager(Article).create({ writerSlug: 'bob', title: 'Other parent' });
    expect((await loadRelated<Article[]>(alice, 'articles')).map((a) => a.title)).toEqual([
      'Correct parent',
    ]);
    expect((await loadRelated<Article[]>(bob, 'articles')).map((a) => a.title)).toEqual([
      'Other parent',
    ]);
    expect((await loadRelated<Writer>(article, 'writer'))?.slug).toBe('alice');
  });

  it('answers record.related(name) like loadRelated, from the prefetch cache once prefetched', async () => {
    const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
    const post = await posts().create({ authorId: ada.id, title: 'mine' });
    expect((await post.related<Author>('author')).name).toBe('Ada');
    expect(titles(await ada.related<Post[]>('posts'))).toEqual(['mine']);
    await prefetch([post], 'author');
    const cached = await assertQueryCount({ exact: 0, registry: db }, () =>
      post.related<Author>('author'),
    );
    expect(cached.id).toBe(ada.id);
    await expect(post.related('nothing')).rejects.toBeInstanceOf(RelationshipError);
  });

  it('reads fresh data on every load of a relation that was not prefetched', async () => {
    const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
    expect(await loadRelated(ada, 'posts')).toEqual([]);
    await posts().create({ authorId: ada.id, title: 'later' });
    expect(titles(await loadRelated<Post[]>(ada, 'posts'))).toEqual(['later']);
  });

  it('sees writes of the enclosing transaction', async () => {
    const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
    const seen = await db.transaction(async () => {
      await posts().create({ authorId: ada.id, title: 'uncommitted' });
      return titles(await loadRelated<Post[]>(ada, 'posts'));
    });
    expect(seen).toEqual(['uncommitted']);
  });

  describe('prefetch', () => {
    async function seed(count: number) {
      const writers = await authors().bulkCreate(
        Array.from({ length: 10 }, (_, i) => ({ name: `author ${i}`, email: `a${i}@example.com` })),
      );
      const tagList = await tags().bulkCreate(
        Array.from({ length: 5 }, (_, i) => ({ name: `tag ${i}` })),
      );
      const postList = await posts().bulkCreate(
        Array.from({ length: count }, (_, i) => ({
          authorId: i % 7 === 0 ? null : writers[i % 10].id,
          title: `post ${i}`,
        })),
      );
      await postTags().bulkCreate(
        postList.flatMap((p, i) => [
          { postId: p.id!, tagId: tagList[i % 5].id! },
          { postId: p.id!, tagId: tagList[(i + 1) % 5].id! },
        ]),
      );
      await comments().bulkCreate(
        postList.slice(0, 30).map((p, i) => ({ postId: p.id!, body: `comment ${i}` })),
      );
      return { writers, tagList, posts: await posts().all({ orderBy: 'id' }) };
    }

    it('loads each relation of 100 parents with exactly one query', async () => {
      const { posts: list } = await seed(100);
      await assertQueryCount({ exact: 1, registry: db }, () => prefetch(list, 'author'));
      await assertQueryCount({ exact: 1, registry: db }, () => prefetch(list, 'comments'));
      await assertQueryCount({ exact: 1, registry: db }, () => prefetch(list, 'tags'));
      await assertQueryCount({ exact: 1, registry: db }, () => prefetch(list, 'tagsByName'));
    });

    it('answers later loads from the cache without a query, with the same values as a direct load', async () => {
      const { posts: list } = await seed(40);
      const direct = await Promise.all(
        list.map(async (p) => ({
          author: ((await loadRelated<Author | null>(p, 'author')) as Author | null)?.id ?? null,
          tags: (await loadRelated<Tag[]>(p, 'tags')).map((t) => t.id),
          comments: (await loadRelated<Comment[]>(p, 'comments')).map((c) => c.id),
        })),
      );
      await prefetch(list, 'author');
      await prefetch(list, 'tags');
      await prefetch(list, 'comments');
      const cached = await assertQueryCount({ exact: 0, registry: db }, () =>
        Promise.all(
          list.map(async (p) => ({
            author: ((await loadRelated<Author | null>(p, 'author')) as Author | null)?.id ?? null,
            tags: (await loadRelated<Tag[]>(p, 'tags')).map((t) => t.id),
            comments: (await loadRelated<Comment[]>(p, 'comments')).map((c) => c.id),
          })),
        ),
      );
      expect(cached).toEqual(direct);
      expect(cached.filter((c) => c.author === null)).toHaveLength(Math.ceil(40 / 7));
      expect(cached.every((c) => c.tags.length === 2)).toBe(true);
    });

    it('groups one-to-many children under the right parent', async () => {
      const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
      const bob = await authors().create({ name: 'Bob', email: 'bob@example.com' });
      const none = await authors().create({ name: 'None', email: 'none@example.com' });
      await posts().bulkCreate([
        { authorId: bob.id, title: 'b1' },
        { authorId: ada.id, title: 'a1' },
        { authorId: bob.id, title: 'b2' },
      ]);
      const list = [ada, bob, none];
      await assertQueryCount({ exact: 1, registry: db }, () => prefetch(list, 'posts'));
      expect(titles(await loadRelated<Post[]>(ada, 'posts'))).toEqual(['a1']);
      expect(titles(await loadRelated<Post[]>(bob, 'posts'))).toEqual(['b1', 'b2']);
      expect(await loadRelated(none, 'posts')).toEqual([]);
    });

    it('keeps a prefetched null and a prefetched empty list without querying again', async () => {
      const orphan = await posts().create({ title: 'no owner' });
      await prefetch([orphan], 'author');
      await prefetch([orphan], 'tags');
      await assertQueryCount({ exact: 0, registry: db }, async () => {
        expect(await loadRelated(orphan, 'author')).toBeNull();
        expect(await loadRelated(orphan, 'tags')).toEqual([]);
      });
    });

    it('gives each caller its own copy of a cached list', async () => {
      const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
      await posts().create({ authorId: ada.id, title: 'only' });
      await prefetch([ada], 'posts');
      (await loadRelated<Post[]>(ada, 'posts')).pop();
      expect(titles(await loadRelated<Post[]>(ada, 'posts'))).toEqual(['only']);
    });

    it('queries again after clearRelated', async () => {
      const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
      await prefetch([ada], 'posts');
      await posts().create({ authorId: ada.id, title: 'after prefetch' });
      expect(await loadRelated(ada, 'posts')).toEqual([]);
      clearRelated(ada, 'posts');
      expect(titles(await loadRelated<Post[]>(ada, 'posts'))).toEqual(['after prefetch']);
    });

    it('makes no query for an empty list or for parents without key values', async () => {
      const orphan = await posts().create({ title: 'no owner' });
      await assertQueryCount({ exact: 0, registry: db }, async () => {
        expect(await prefetch([], 'author')).toEqual([]);
        await prefetch([orphan], 'author');
      });
      expect(await loadRelated(orphan, 'author')).toBeNull();
    });

    it('leaves the records serializing to their fields only', async () => {
      const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
      await prefetch([ada], 'posts');
      expect(Object.keys(JSON.parse(JSON.stringify(ada))).sort()).toEqual(['email', 'id', 'name']);
    });

    it('prefetches null for dangling or empty many-to-one keys among found ones', async () => {
      const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
      const list = await comments().bulkCreate([
        { authorId: ada.id, body: 'found' },
        { authorId: 999_999, body: 'dangling' },
        { authorId: null, body: 'empty' },
        { authorId: ada.id, body: 'found again' },
      ]);
      await assertQueryCount({ exact: 1, registry: db }, () => prefetch(list, 'author'));
      const names = await Promise.all(
        list.map(async (c) => (await loadRelated<Author | null>(c, 'author'))?.name ?? null),
      );
      expect(names).toEqual(['Ada', null, null, 'Ada']);
    });

    it('prefetches many-to-many lists without repeated or deleted targets for every parent', async () => {
      const [one, two, three] = await posts().bulkCreate([
        { title: 'one' },
        { title: 'two' },
        { title: 'three' },
      ]);
      const [a, b, gone] = await tags().bulkCreate([
        { name: 'a' },
        { name: 'b' },
        { name: 'gone' },
      ]);
      await postTags().bulkCreate([
        { postId: one.id!, tagId: a.id! },
        { postId: one.id!, tagId: a.id! },
        { postId: one.id!, tagId: gone.id! },
        { postId: two.id!, tagId: b.id! },
        { postId: two.id!, tagId: a.id! },
        { postId: two.id!, tagId: b.id! },
        { postId: three.id!, tagId: gone.id! },
      ]);
      await tags().delete(gone.id!);
      const list = [one, two, three];
      await assertQueryCount({ exact: 1, registry: db }, () => prefetch(list, 'tags'));
      const names = await Promise.all(
        list.map(async (p) => (await loadRelated<Tag[]>(p, 'tags')).map((t) => t.name)),
      );
      expect(names).toEqual([['a'], ['b', 'a'], []]);
    });

    it('prefetches inside a transaction and sees its uncommitted rows', async () => {
      const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
      await db.transaction(async () => {
        await posts().create({ authorId: ada.id, title: 'uncommitted' });
        await prefetch([ada], 'posts');
      });
      expect(titles(await loadRelated<Post[]>(ada, 'posts'))).toEqual(['uncommitted']);
    });

    it('refuses records of different models in one call', async () => {
      const ada = await authors().create({ name: 'Ada', email: 'ada@example.com' });
      const post = await posts().create({ title: 'x' });
      await expect(prefetch([ada, post as any], 'posts')).rejects.toMatchObject({
        constructor: RelationshipError,
        context: expect.objectContaining({ rowIndex: 1, relation: 'posts' }),
      });
    });
  });
});

describeEachDialect('Relations: prefetch of more keys than one statement may list', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Author, Post);
    linkRelations(db);
  });
  afterAll(() => db.dispose());

  it('splits the key list into statements under the limit and still groups every child', async () => {
    const limit = Math.min(MAX_LIST_LENGTH, db.manager(Author).dialect.maxParameters);
    const count = 2 * limit + 100;
    await db.manager(Author).bulkCreate(
      Array.from({ length: count }, (_, i) => ({
        name: `author ${i}`,
        email: `a${i}@example.com`,
      })),
    );
    const all = await db.manager(Author).all({ orderBy: 'id' });
    expect(all).toHaveLength(count);
    const first = all[0];
    const last = all[count - 1];
    await db.manager(Post).bulkCreate([
      { authorId: first.id, title: 'first' },
      { authorId: last.id, title: 'last' },
    ]);
    await assertQueryCount({ exact: 3, registry: db }, () => prefetch(all, 'posts'));
    expect(titles(await loadRelated<Post[]>(first, 'posts'))).toEqual(['first']);
    expect(titles(await loadRelated<Post[]>(last, 'posts'))).toEqual(['last']);
    expect(await loadRelated(all[1], 'posts')).toEqual([]);
    await assertQueryCount({ exact: 3, registry: db }, () => prefetch(all, 'postsViaJoin'));
    expect(titles(await loadRelated<Post[]>(first, 'postsViaJoin'))).toEqual(['first']);
    expect(titles(await loadRelated<Post[]>(last, 'postsViaJoin'))).toEqual(['last']);
    expect(await loadRelated(all[1], 'postsViaJoin')).toEqual([]);
  });
});
