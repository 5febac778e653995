import { RelationshipError } from '../errors';
import { relationMessages } from '../errors/messages';
import { cacheRelated } from './relation-cache';
import { loadRelation } from './relation-loader';
import { scopeOf } from './relation-scope';
import { resolveRelation } from './resolve-relation';

/**
 * Loads relation `name` for every record at once (one query per table it reads, whatever
 * the number of records) and caches each record's value, so that `loadRelated` /
 * `record.related(name)` then answer without a query. Returns the same array.
 */
export async function prefetch<R extends object>(records: R[], name: string): Promise<R[]> {
  if (!Array.isArray(records)) {
    throw new RelationshipError(relationMessages.prefetchNeedsArray(), {
      relation: String(name),
      operation: 'prefetch',
    });
  }
  if (records.length === 0) return records;
  const first = records[0];
  const model = (first as any)?.constructor as Function;
  if (first === null || typeof first !== 'object' || typeof model !== 'function') {
    throw new RelationshipError(relationMessages.prefetchNeedsManagerRecords(), {
      relation: String(name),
      operation: 'prefetch',
    });
  }
  const relation = resolveRelation(model, name);
  const label = `${relation.source.name}.${name}`;
  const scope = scopeOf(first, label);
  const prototype = Object.getPrototypeOf(first);
  records.forEach((record, index) => {
    if (
      record === null ||
      typeof record !== 'object' ||
      Object.getPrototypeOf(record) !== prototype
    ) {
      throw new RelationshipError(relationMessages.prefetchMixedRecords(label, index), {
        model: relation.source.name,
        relation: name,
        operation: 'prefetch',
        rowIndex: index,
      });
    }
  });
  const values = await loadRelation(relation, scope, records);
  records.forEach((record, i) => cacheRelated(record, name, values[i]));
  return records;
}
