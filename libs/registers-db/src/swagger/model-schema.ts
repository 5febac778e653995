import type { Type } from '@nestjs/common';
import type { PropertySchema } from './field-schema';
import { type DtoKind, dtoProperties } from './dto-properties';

/** An OpenAPI 3.0 object schema. */
export interface ObjectSchema {
  type: 'object';
  properties: Record<string, PropertySchema>;
  required?: string[];
}

/**
 * The OpenAPI schema of a model, read from its `@Field` metadata and class-validator rules
 * (no `@ApiProperty` needed). `kind` picks the shape: `'model'` (default: every property;
 * generated keys and managed dates read-only, password and encrypted fields write-only),
 * `'create'`, `'update'` or `'view'` (no password hash or encrypted field).
 */
export function modelSchema(model: Type<unknown>, kind: DtoKind = 'model'): ObjectSchema {
  const properties: Record<string, PropertySchema> = {};
  const required: string[] = [];
  for (const p of dtoProperties(model, kind)) {
    properties[p.property] = p.schema;
    if (p.required) required.push(p.property);
  }
  return required.length > 0
    ? { type: 'object', properties, required }
    : { type: 'object', properties };
}

/** Models given as a list or as a registry (`DatabaseRegistry`: every model registered so far). */
export type ModelSource = ReadonlyArray<Type<unknown>> | { models(): Array<Type<unknown>> };

const modelsOf = (source: ModelSource) => ('models' in source ? source.models() : [...source]);

/** The schemas of several models by class name, for `document.components.schemas`. */
export function modelSchemas(source: ModelSource): Record<string, ObjectSchema> {
  return Object.fromEntries(modelsOf(source).map((m) => [m.name, modelSchema(m)]));
}

/**
 * Adds each model's schema to an OpenAPI document (`components.schemas`, by class name),
 * keeping a schema the document already has under that name. Returns the document.
 */
export function addModelSchemas<D extends { components?: { schemas?: Record<string, unknown> } }>(
  document: D,
  source: ModelSource,
): D {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  for (const [name, schema] of Object.entries(modelSchemas(source)))
    if (!(name in schemas)) schemas[name] = schema;
  return document;
}
