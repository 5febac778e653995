import type { RelationDefinition } from './interfaces/relation-options.interface';
import { MODEL_RELATIONS_METADATA } from './relations.constants';

/** The one place that reads and writes the relations stored on model classes. */
export class RelationsMetadataAccessor {
  /** Relations of a model, inherited ones included (a subclass sees its parent's). */
  get(model: Function | null | undefined): Map<string, RelationDefinition> {
    if (!model) return new Map();
    return Reflect.getMetadata(MODEL_RELATIONS_METADATA, model) ?? new Map();
  }

  /** A copy of the model's relations to extend: its own, else its parent's. */
  editable(model: Function): Map<string, RelationDefinition> {
    const own: Map<string, RelationDefinition> | undefined = Reflect.getOwnMetadata(
      MODEL_RELATIONS_METADATA,
      model,
    );
    return new Map(own ?? this.get(Object.getPrototypeOf(model)));
  }

  set(model: Function, relations: Map<string, RelationDefinition>): void {
    Reflect.defineMetadata(MODEL_RELATIONS_METADATA, relations, model);
  }
}

export const relationsMetadata = new RelationsMetadataAccessor();

/** Relations declared on a model (and inherited from its model base class). */
export function relationDefinitions(
  model: Function | null | undefined,
): Map<string, RelationDefinition> {
  return relationsMetadata.get(model);
}
