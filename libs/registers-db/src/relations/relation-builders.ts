import type {
  ManyToManyOptions,
  ManyToManyRelation,
  ManyToOneOptions,
  ManyToOneRelation,
  ModelThunk,
  OneToManyOptions,
  OneToManyRelation,
} from './interfaces/relation-options.interface';

/** The target's rows whose `foreignKey` holds this record's key (`Author.posts`). */
export function OneToMany<T>(
  target: ModelThunk<T>,
  options: OneToManyOptions<T>,
): OneToManyRelation<T> {
  return Object.freeze({ ...options, kind: 'one-to-many' as const, target });
}

/** The one target row that this record's `localKey` points at, or null (`Post.author`). */
export function ManyToOne<T>(
  target: ModelThunk<T>,
  options: ManyToOneOptions<T>,
): ManyToOneRelation<T> {
  return Object.freeze({ ...options, kind: 'many-to-one' as const, target });
}

/** Target rows linked to this record through rows of a join model (`Post.tags` via `PostTag`). */
export function ManyToMany<T, J>(
  target: ModelThunk<T>,
  options: ManyToManyOptions<J>,
): ManyToManyRelation<T, J> {
  return Object.freeze({ ...options, kind: 'many-to-many' as const, target });
}

/** Alias of {@link OneToMany}. */
export const HasMany = OneToMany;
/** Alias of {@link ManyToOne}. */
export const BelongsTo = ManyToOne;
/** Alias of {@link ManyToMany}. */
export const HasManyThrough = ManyToMany;
