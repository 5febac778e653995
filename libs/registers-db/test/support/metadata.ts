/** Hand-built model metadata for tests that exercise the query and dialect layers without decorators. */
import type {
  FieldMetadata,
  LogicalType,
  ModelMetadata,
} from '../../src/interfaces/model-metadata.interface';
import { plainModelMetadata } from '../../src/schema/synthetic-model';

/** A field stored in the column of its own name with every flag off; `extra` sets the rest. */
export function fieldMetadata(
  property: string,
  type: LogicalType,
  extra: Partial<FieldMetadata> = {},
): FieldMetadata {
  return {
    property,
    column: property,
    type,
    nullable: false,
    unique: false,
    index: false,
    isKey: false,
    hashPassword: false,
    encrypted: false,
    excludeFromDb: false,
    ...extra,
  };
}

/** A model keyed on `id` over `fields`, with every model option off; `extra` sets the rest. */
export function modelMetadata<T = any>(
  name: string,
  table: string,
  fields: FieldMetadata[],
  extra: Partial<ModelMetadata<T>> = {},
): ModelMetadata<T> {
  return { ...plainModelMetadata<T>(name, table, fields, class {}), ...extra };
}
