import { SchemaError } from '../errors';
import { schemaMessages } from '../errors/messages';
import type { LogicalType, ModelMetadata } from '../interfaces/model-metadata.interface';
import { DEFAULT_STRING_LENGTH, logicalTypeFromName } from '../metadata/column-type.inference';
import { isSafeIdentifier } from '../metadata/naming';
import type { ColumnShape } from '../dialects/base/ddl-shapes';
import type { ColumnSpec } from './interfaces';

/** Zero values used to backfill a NOT NULL column added to a table that has rows. */
const BACKFILL: Partial<Record<LogicalType, unknown>> = {
  string: '',
  text: '',
  integer: 0,
  bigint: 0,
  double: 0,
  decimal: 0,
  boolean: false,
};

/**
 * The column `ensureColumn` / `addColumn` adds: a model property uses its field definition
 * (the spec may override nullability/default); any other name is a new column named exactly
 * `name`. A NOT NULL column without a default gets its type's zero value to fill existing rows.
 */
export function additiveColumnShape(
  meta: ModelMetadata,
  name: string,
  spec: ColumnSpec,
): ColumnShape {
  const field = meta.fieldsByProperty.get(name) ?? meta.fields.find((f) => f.column === name);
  const context = {
    model: meta.name,
    table: meta.table,
    operation: 'addColumn',
    field: name,
  };
  let shape: ColumnShape;
  if (field && spec.type === undefined) {
    shape = {
      ...field,
      isKey: false,
      idStrategy: undefined,
      enumValues: undefined,
      foreignKey: undefined,
    };
  } else {
    if (!isSafeIdentifier(name)) {
      throw new SchemaError(schemaMessages.invalidColumnName(meta.name, name), context);
    }
    const type = spec.type === undefined ? 'string' : logicalTypeFromName(spec.type);
    if (!type || type === 'enum') {
      throw new SchemaError(
        schemaMessages.unsupportedColumnType(meta.name, String(spec.type), name),
        context,
      );
    }
    shape = {
      column: field?.column ?? name,
      type,
      nullable: true,
      length: type === 'string' ? (spec.length ?? DEFAULT_STRING_LENGTH) : undefined,
      timezone: type === 'datetime' ? true : undefined,
      precision: type === 'decimal' ? 12 : undefined,
      scale: type === 'decimal' ? 2 : undefined,
      isKey: false,
    };
  }
  shape.nullable = spec.nullable ?? (field ? field.nullable : true);
  if (spec.length !== undefined && shape.type === 'string') shape.length = spec.length;
  if (spec.default !== undefined) shape.default = spec.default;
  if (
    !shape.nullable &&
    (shape.default === undefined || shape.default === null || typeof shape.default === 'function')
  ) {
    if (!(shape.type in BACKFILL)) {
      throw new SchemaError(
        schemaMessages.backfillNeedsDefault(meta.name, shape.type, shape.column),
        context,
      );
    }
    shape.default = BACKFILL[shape.type];
  }
  return shape;
}
