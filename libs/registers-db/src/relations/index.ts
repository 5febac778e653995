export * from './interfaces/relation-options.interface';
export {
  OneToMany,
  ManyToOne,
  ManyToMany,
  HasMany,
  BelongsTo,
  HasManyThrough,
} from './relation-builders';
export { defineRelations } from './define-relations';
export { relationDefinitions } from './relations-metadata.accessor';
export type { ModelRelations } from './define-relations';
export { validateRelations } from './resolve-relation';
export { loadRelated } from './load-related';
export { prefetch } from './prefetch';
export { clearRelated } from './relation-cache';
export { linkRelations } from './relation-scope';
