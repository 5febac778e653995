import type { Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { ModelMetadataAccessor } from '../metadata/model-metadata.accessor';
import { getModelMetadata } from '../metadata/model-metadata.factory';
import { isSecret } from './dto-properties';
import { viewModelOf } from './view-models';

const accessor = new ModelMetadataAccessor();

/** documentedProperties per view class: a response builds views of many records. */
const documented = new WeakMap<Type<unknown>, string[]>();

/** The properties a DTO class documents (its own `@ApiProperty` list, `:name` entries). */
function documentedProperties(view: Type<unknown>): string[] {
  let properties = documented.get(view);
  if (!properties) {
    const list: string[] =
      Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, view.prototype) ?? [];
    properties = list.map((entry) => entry.replace(/^:/, ''));
    documented.set(view, properties);
  }
  return properties;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A whole day as `YYYY-MM-DD` (years 1 to 9999 keep four digits). */
function isoDay(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** One value in its JSON form: decimals at the column's scale, dates as ISO text, bigints as digits. */
export function viewValue(field: FieldMetadata | undefined, value: unknown): unknown {
  if (value === null || value === undefined || !field) return value ?? null;
  switch (field.type) {
    case 'decimal':
      return Number(Number(value).toFixed(field.scale ?? 2));
    case 'bigint':
      return String(value);
    case 'date':
      return value instanceof Date ? isoDay(value) : value;
    case 'datetime':
      return value instanceof Date ? value.toISOString() : value;
    default:
      return value;
  }
}

function modelOf(view: Type<unknown>, record: object): ModelMetadata | undefined {
  const linked = viewModelOf(view);
  if (linked) return getModelMetadata(linked);
  const ctor = record.constructor;
  return typeof ctor === 'function' && accessor.isModel(ctor)
    ? getModelMetadata(ctor as Type<unknown>)
    : undefined;
}

/**
 * A plain JSON-ready object with exactly the properties `View` documents, read from `record`.
 * `View` is `ViewDto(Model)` or a class composed from it (PickType, OmitType, …). Password
 * hashes and encrypted fields are left out whatever `View` lists.
 */
export function toView<V>(view: Type<V>, record: object): V {
  const meta = modelOf(view, record);
  const source = record as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const property of documentedProperties(view)) {
    const field = meta?.fieldsByProperty.get(property);
    if (field && isSecret(field)) continue;
    out[property] = viewValue(field, source[property]);
  }
  return out as V;
}
