import { RelationshipError } from '../errors';
import { relationMessages } from '../errors/messages';

/** Loads relation `name` of a record: what `record.related(name)` returns. */
export type RelatedLoader = (record: object, name: string) => Promise<unknown>;

/**
 * Records sit below relations, so they do not load relations themselves: the relations
 * layer installs its loader here when it loads (relations/load-related.ts, which
 * defineRelations imports). Before that no model has a relation, and related() fails the
 * way loading an undeclared relation does.
 */
let loader: RelatedLoader = (record, name) => {
  const model = (record as any).constructor as Function;
  const modelName = model.name || String(model);
  return Promise.reject(
    new RelationshipError(relationMessages.unknownRelation(modelName, String(name)), {
      model: modelName,
      relation: String(name),
    }),
  );
};

export function installRelatedLoader(load: RelatedLoader): void {
  loader = load;
}

export function loadRelatedOf(record: object, name: string): Promise<unknown> {
  return loader(record, name);
}
