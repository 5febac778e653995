import 'reflect-metadata';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { Field, Model } from '../src/decorators';
import { RelationshipError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import {
  BelongsTo,
  defineRelations,
  HasMany,
  HasManyThrough,
  loadRelated,
  ManyToMany,
  ManyToOne,
  OneToMany,
  prefetch,
  relationDefinitions,
  validateRelations,
} from '../src/relations';

@Model({ table: 'def_authors' })
class Author {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field() @IsString() nickname!: string;
}

@Model({ table: 'def_posts' })
class Post {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ nullable: true }) @IsOptional() @IsInt() authorId?: number | null;
  @Field() @IsString() authorName!: string;
  @Field() @IsString() title!: string;
}

@Model({ table: 'def_post_tags' })
class PostTag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsInt() postId!: number;
}

class NotAModel {
  id?: number;
}

/** A record as a manager would hand it out, without a database. */
function recordOf<T extends object>(model: new () => T, values: Partial<T>): T {
  return Object.assign(new model(), values);
}

function relationError(fn: () => unknown): RelationshipError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RelationshipError);
    return error as RelationshipError;
  }
  throw new Error('expected a RelationshipError');
}

async function rejected(promise: Promise<unknown>): Promise<RelationshipError> {
  const error = await promise.then(
    () => undefined,
    (e) => e,
  );
  expect(error).toBeInstanceOf(RelationshipError);
  return error as RelationshipError;
}

describe('Relations: definitions and key validation', () => {
  it('offers HasMany, BelongsTo and HasManyThrough as aliases of the cardinality names', () => {
    expect(HasMany).toBe(OneToMany);
    expect(BelongsTo).toBe(ManyToOne);
    expect(HasManyThrough).toBe(ManyToMany);
    expect(HasMany(() => Post, { foreignKey: 'authorId' }).kind).toBe('one-to-many');
  });

  it('names the model and field when a one-to-many foreignKey is not a field of the target', async () => {
    @Model({ table: 'def_a1' })
    class A1 {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(A1, {
      brokenPosts: OneToMany(() => Post, { foreignKey: 'missingAuthorId' as any }),
    });
    const error = await rejected(loadRelated(recordOf(A1, { id: 1 }), 'brokenPosts'));
    expect(error.message).toContain(
      "A1.brokenPosts: foreignKey 'missingAuthorId' is not a field of Post",
    );
    expect(error.context).toMatchObject({
      model: 'A1',
      relation: 'brokenPosts',
      field: 'missingAuthorId',
    });
  });

  it('names the model and field when a many-to-one localKey is not a field of the source', async () => {
    @Model({ table: 'def_p1' })
    class P1 {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(P1, { brokenAuthor: ManyToOne(() => Author, { localKey: 'missingAuthorId' }) });
    const error = await rejected(loadRelated(recordOf(P1, { id: 1 }), 'brokenAuthor'));
    expect(error.message).toContain(
      "P1.brokenAuthor: localKey 'missingAuthorId' is not a field of P1",
    );
    expect(error.context).toMatchObject({ model: 'P1', field: 'missingAuthorId' });
  });

  it('names the join model field when a many-to-many key is missing on it', async () => {
    @Model({ table: 'def_p2' })
    class P2 {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(P2, {
      brokenTags: ManyToMany(() => Author, {
        through: () => PostTag,
        sourceKey: 'postId',
        targetKey: 'tagId' as any,
      }),
    });
    const error = await rejected(loadRelated(recordOf(P2, { id: 1 }), 'brokenTags'));
    expect(error.message).toContain("targetKey 'tagId' is not a field of PostTag");
    expect(error.context).toMatchObject({ model: 'P2', relation: 'brokenTags', field: 'tagId' });
  });

  it('refuses a many-to-one targetKey that does not identify one target row', () => {
    @Model({ table: 'def_p3' })
    class P3 {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsString() authorName!: string;
    }
    defineRelations(P3, {
      author: ManyToOne(() => Author, { localKey: 'authorName', targetKey: 'name' }),
    });
    const error = relationError(() => validateRelations(P3));
    expect(error.message).toContain("targetKey 'name' must be the key or a unique field of Author");
    expect(error.context).toMatchObject({ model: 'P3', field: 'name' });
  });

  it('refuses keys whose column types cannot hold each other', () => {
    @Model({ table: 'def_p4' })
    class P4 {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsString() authorRef!: string;
    }
    defineRelations(P4, { author: ManyToOne(() => Author, { localKey: 'authorRef' }) });
    const error = relationError(() => validateRelations(P4));
    expect(error.message).toContain(
      'P4.authorRef (string) cannot hold values of Author.id (integer)',
    );
    expect(error.context).toMatchObject({ model: 'P4', field: 'authorRef' });
  });

  it('refuses an orderBy that names no sortable field of the target', () => {
    @Model({ table: 'def_p6' })
    class P6 {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(P6, {
      posts: OneToMany(() => Post, { foreignKey: 'authorId', orderBy: '-missing' as any }),
    });
    const error = relationError(() => validateRelations(P6));
    expect(error.message).toContain('P6.posts: orderBy:');
    expect(error.message).toContain('unknown orderBy field "missing"');
    expect(error.context).toMatchObject({ model: 'P6', relation: 'posts', field: 'missing' });
  });

  it('refuses a target that is not a @Model class', () => {
    @Model({ table: 'def_p5' })
    class P5 {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(P5, {
      other: OneToMany(() => NotAModel as any, { foreignKey: 'id' as never }),
    });
    const error = relationError(() => validateRelations(P5));
    expect(error.message).toContain('P5.other: the target NotAModel is not a valid @Model class');
  });

  it('resolves targets lazily, so a relation may name a model declared after it', () => {
    @Model({ table: 'def_early' })
    class Early {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(Early, { lates: OneToMany(() => Late, { foreignKey: 'earlyId' }) });
    @Model({ table: 'def_late' })
    class Late {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsInt() earlyId!: number;
    }
    expect(
      validateRelations(Early).map((r) => [r.name, r.target.name, r.matchField.property]),
    ).toEqual([['lates', 'Late', 'earlyId']]);
  });

  it('refuses an unknown relation name and lists the known ones', async () => {
    defineRelations(Author, { posts: OneToMany(() => Post, { foreignKey: 'authorId' }) });
    const error = await rejected(loadRelated(recordOf(Author, { id: 1 }), 'comments'));
    expect(error.message).toBe("Author has no relation 'comments' (relations: posts)");
    await expect(prefetch([recordOf(Author, { id: 1 })], 'comments')).rejects.toBeInstanceOf(
      RelationshipError,
    );
  });

  it('refuses relation names that are fields, record members, taken or reserved', () => {
    expect(() =>
      defineRelations(Post, { title: ManyToOne(() => Author, { localKey: 'authorId' }) }),
    ).toThrow("Post: relation 'title' has the name of a field");
    expect(() =>
      defineRelations(Post, { related: ManyToOne(() => Author, { localKey: 'authorId' }) }),
    ).toThrow(RelationshipError);
    expect(() =>
      defineRelations(Post, { ['constructor']: ManyToOne(() => Author, { localKey: 'authorId' }) }),
    ).toThrow(RelationshipError);
    defineRelations(Post, { author: ManyToOne(() => Author, { localKey: 'authorId' }) });
    expect(() =>
      defineRelations(Post, { author: ManyToOne(() => Author, { localKey: 'authorId' }) }),
    ).toThrow("Post: relation 'author' is already defined");
  });

  it('refuses a definition that is not made by a relation builder', () => {
    expect(() =>
      defineRelations(Author, { bogus: { kind: 'one-to-one', target: () => Post } as any }),
    ).toThrow(
      'Author.bogus: use OneToMany(() => Target, …), ManyToOne(() => Target, …) or ManyToMany(() => Target, …)',
    );
    expect(() => defineRelations(NotAModel as any, {})).toThrow(
      'defineRelations: NotAModel is not a valid @Model class',
    );
  });

  it('lets a model subclass inherit its parent relations and add its own', () => {
    @Model({ table: 'def_base' })
    class Base {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(Base, { posts: OneToMany(() => Post, { foreignKey: 'authorId' }) });
    @Model({ table: 'def_derived' })
    class Derived extends Base {
      @Field() @IsString() label!: string;
    }
    defineRelations(Derived, {
      tags: ManyToMany(() => Author, {
        through: () => PostTag,
        sourceKey: 'postId',
        targetKey: 'postId',
      }),
    });
    expect([...relationDefinitions(Derived).keys()]).toEqual(['posts', 'tags']);
    expect([...relationDefinitions(Base).keys()]).toEqual(['posts']);
  });

  it('refuses a record that no linked registry handed out', async () => {
    @Model({ table: 'def_loose' })
    class Loose {
      @Field({ id: 'autoincrement' }) id?: number;
    }
    defineRelations(Loose, { posts: OneToMany(() => Post, { foreignKey: 'authorId' }) });
    const error = await rejected(loadRelated(recordOf(Loose, { id: 1 }), 'posts'));
    expect(error.message).toContain(
      'was not returned by a manager of a registry that relations know',
    );
  });

  it('refuses to load through a model that is not registered in the record registry', async () => {
    const { linkRelations } = await import('../src/relations');
    @Model({ table: 'def_owner' })
    class Owner {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsString() name!: string;
    }
    @Model({ table: 'def_owned' })
    class Owned {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field() @IsInt() ownerId!: number;
    }
    defineRelations(Owner, { owned: OneToMany(() => Owned, { foreignKey: 'ownerId' }) });
    const db = new DatabaseRegistry({ url: 'sqlite::memory:' }).register(Owner);
    try {
      linkRelations(db);
      const owner = await db.manager(Owner).create({ name: 'o' });
      const error = await rejected(loadRelated(owner, 'owned'));
      expect(error.message).toBe(`Owner.owned: Owned is not registered in registry '${db.name}'`);
    } finally {
      await db.dispose();
    }
  });
});
