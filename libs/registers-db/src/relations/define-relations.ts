import type { Type } from '@nestjs/common';
import { RECORD_MEMBER_NAMES } from '../constants';
import { RelationshipError } from '../errors';
import { relationMessages } from '../errors/messages';
import { getModelMetadata } from '../metadata/model-metadata.factory';
import type {
  RelatedValue,
  RelationDefinition,
  RelationMap,
} from './interfaces/relation-options.interface';
import { loadRelated } from './load-related';
import { prefetch } from './prefetch';
import { FORBIDDEN_RELATION_NAMES } from './relations.constants';
import { relationsMetadata } from './relations-metadata.accessor';

const KINDS = new Set(['one-to-many', 'many-to-one', 'many-to-many']);
const RECORD_MEMBERS: ReadonlySet<string> = new Set(RECORD_MEMBER_NAMES);

/** Typed access to the relations one `defineRelations` call declared. */
export interface ModelRelations<S, D extends RelationMap> {
  readonly model: Type<S>;
  readonly names: Array<keyof D & string>;
  /** `loadRelated(record, name)` with the result typed from the definition. */
  load<K extends keyof D & string>(record: S, name: K): Promise<RelatedValue<D[K]>>;
  /** `prefetch(records, name)`, typed. */
  prefetch<K extends keyof D & string, R extends S>(records: R[], name: K): Promise<R[]>;
}

/**
 * Declares named relations of a model, after the class (so targets may be declared in any
 * order: they are given as `() => Target`). Names are checked here; keys are checked when a
 * relation is first used (or when a test registry links the models) and a wrong one raises
 * RelationshipError naming the model and field.
 */
export function defineRelations<S, D extends RelationMap>(
  model: Type<S>,
  relations: D,
): ModelRelations<S, D> {
  const modelName = typeof model === 'function' && model.name ? model.name : String(model);
  let meta;
  try {
    meta = getModelMetadata(model);
  } catch (error) {
    throw new RelationshipError(
      relationMessages.defineRelationsNotModel(modelName),
      { model: modelName },
      { cause: error },
    );
  }
  if (relations === null || typeof relations !== 'object') {
    throw new RelationshipError(relationMessages.relationsNotObject(modelName), {
      model: modelName,
    });
  }
  const added = relationsMetadata.editable(model);
  for (const name of Object.keys(relations)) {
    const definition: RelationDefinition = relations[name];
    const context = { model: modelName, relation: name, field: name };
    if (FORBIDDEN_RELATION_NAMES.has(name) || RECORD_MEMBERS.has(name) || name === '') {
      throw new RelationshipError(relationMessages.invalidRelationName(modelName, name), context);
    }
    if (meta.fieldsByProperty.has(name)) {
      throw new RelationshipError(relationMessages.relationNamesField(modelName, name), context);
    }
    if (added.has(name)) {
      throw new RelationshipError(
        relationMessages.relationAlreadyDefined(modelName, name),
        context,
      );
    }
    if (
      !definition ||
      !KINDS.has((definition as RelationDefinition).kind) ||
      typeof definition.target !== 'function'
    ) {
      throw new RelationshipError(
        relationMessages.invalidRelationDefinition(modelName, name),
        context,
      );
    }
    added.set(name, definition);
  }
  relationsMetadata.set(model, added);
  const names = Object.keys(relations) as Array<keyof D & string>;
  return {
    model,
    names,
    load: (record, name) => loadRelated(record as object, name) as Promise<any>,
    prefetch: (records, name) => prefetch(records as object[], name) as Promise<any>,
  };
}
