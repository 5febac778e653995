import { RelationshipError } from '../errors';
import { relationMessages } from '../errors/messages';
import { installRelatedLoader } from '../records/related-loader';
import { cachedRelated, hasCachedRelated } from './relation-cache';
import { loadRelation } from './relation-loader';
import { scopeOf } from './relation-scope';
import { resolveRelation } from './resolve-relation';

/**
 * The records related to `record` through its model's relation `name` (what
 * `record.related(name)` returns): a list for OneToMany/ManyToMany, a record or null for
 * ManyToOne. A value cached by `prefetch` is returned without a query.
 */
export async function loadRelated<R = unknown>(record: object, name: string): Promise<R> {
  if (record === null || typeof record !== 'object') {
    throw new RelationshipError(relationMessages.loadRelatedNeedsRecord(record), {
      relation: String(name),
    });
  }
  const model = (record as any).constructor as Function;
  const relation = resolveRelation(model, name);
  if (hasCachedRelated(record, name)) return cachedRelated(record, name) as R;
  const scope = scopeOf(record, `${relation.source.name}.${name}`);
  const [value] = await loadRelation(relation, scope, [record]);
  return value as R;
}

// What record.related(name) runs (records cannot import this layer).
installRelatedLoader(loadRelated);
