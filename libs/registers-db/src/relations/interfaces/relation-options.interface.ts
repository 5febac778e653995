import type { Type } from '@nestjs/common';
import type { FieldName, OrderBy } from '../../query/where.types';

export type RelationKind = 'one-to-many' | 'many-to-one' | 'many-to-many';

/** A model class given lazily, so models may refer to each other in any declaration order. */
export type ModelThunk<T> = () => Type<T>;

export interface OneToManyOptions<T> {
  /** Field of the target that stores the source's key (`Post.authorId`). */
  foreignKey: FieldName<T>;
  /** Field of the source that the foreign key points at. Default: the source's key. */
  localKey?: string;
  /** Order of each parent's related records. Default: the target's key. */
  orderBy?: OrderBy<T>;
}

export interface ManyToOneOptions<T> {
  /** Field of the source that stores the target's key (`Post.authorId`). */
  localKey: string;
  /** Field of the target the local key points at (its key or a single unique field). Default: the target's key. */
  targetKey?: FieldName<T>;
}

export interface ManyToManyOptions<J> {
  /** The join model (`PostTag`). */
  through: ModelThunk<J>;
  /** Field of the join model that stores the source's key (`PostTag.postId`). */
  sourceKey: FieldName<J>;
  /** Field of the join model that stores the target's key (`PostTag.tagId`). */
  targetKey: FieldName<J>;
  /** Order of each parent's related records. Default: the order of the join rows. */
  orderBy?: string | readonly string[];
}

export interface OneToManyRelation<T = any> extends OneToManyOptions<T> {
  readonly kind: 'one-to-many';
  readonly target: ModelThunk<T>;
}

export interface ManyToOneRelation<T = any> extends ManyToOneOptions<T> {
  readonly kind: 'many-to-one';
  readonly target: ModelThunk<T>;
}

export interface ManyToManyRelation<T = any, J = any> extends ManyToManyOptions<J> {
  readonly kind: 'many-to-many';
  readonly target: ModelThunk<T>;
}

export type RelationDefinition = OneToManyRelation | ManyToOneRelation | ManyToManyRelation;

export type RelationMap = Record<string, RelationDefinition>;

/** What loading a relation gives: a list for *-to-many, one record or null for many-to-one. */
export type RelatedValue<D> =
  D extends OneToManyRelation<infer T>
    ? T[]
    : D extends ManyToOneRelation<infer T>
      ? T | null
      : D extends ManyToManyRelation<infer T, any>
        ? T[]
        : unknown;
