import type { Type } from '@nestjs/common';
import type { Dialect } from '../dialects/dialect.interface';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { markPersisted } from './record-state';

export type Hydrator<T> = (row: Record<string, unknown>) => T;

/** Types every driver already returns as the JS value (strings stay strings). */
const PASS_THROUGH = new Set(['string', 'text', 'uuid', 'enum']);

/**
 * Compiles the row → record function of one model: one straight-line assignment per
 * column, conversions only for the fields whose driver value differs from the JS value.
 * Identifiers in the generated code come from model metadata and are JSON-quoted.
 */
export function compileHydrator<T extends object>(
  meta: ModelMetadata<T>,
  Record: Type<T>,
  dialect: Dialect,
): Hydrator<T> {
  const fields: FieldMetadata[] = meta.fields;
  const lines: string[] = ['const r = new R();'];
  fields.forEach((field, i) => {
    const col = JSON.stringify(field.column);
    const prop = JSON.stringify(field.property);
    lines.push(
      PASS_THROUGH.has(field.type)
        ? `r[${prop}] = row[${col}] ?? null;`
        : `r[${prop}] = convert(F[${i}], row[${col}]);`,
    );
  });
  const key = JSON.stringify(meta.key);
  lines.push(`mark(r, r[${key}]);`, 'return r;');
  const factory = new Function(
    'R',
    'F',
    'convert',
    'mark',
    `return function hydrate(row) {\n${lines.join('\n')}\n};`,
  );
  return factory(
    Record,
    fields,
    (field: FieldMetadata, value: unknown) => dialect.fromDriver(field, value),
    markPersisted,
  );
}
