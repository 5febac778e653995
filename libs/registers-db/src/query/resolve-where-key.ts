import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { invalidQuery } from './invalid-query';
import {
  FORBIDDEN_KEYS,
  isQueryOperator,
  OPERATOR_SEPARATOR,
  type QueryOperator,
} from './operators';
import { filterMessages } from '../errors/messages';

export interface ResolvedWhereKey {
  field: FieldMetadata;
  operator: QueryOperator;
}

/** Valid keys per model; only successful resolutions are cached, so the maps stay small. */
const cache = new WeakMap<ModelMetadata, Map<string, ResolvedWhereKey>>();

/** `age__gte` → the `age` field and `gte`; `name` → `name` and `eq`. */
export function resolveWhereKey(meta: ModelMetadata, key: string): ResolvedWhereKey {
  let perModel = cache.get(meta);
  const hit = perModel?.get(key);
  if (hit) return hit;

  const resolved = resolveUncached(meta, key);
  if (!perModel) cache.set(meta, (perModel = new Map()));
  perModel.set(key, resolved);
  return resolved;
}

function resolveUncached(meta: ModelMetadata, key: string): ResolvedWhereKey {
  if (FORBIDDEN_KEYS.has(key)) {
    throw invalidQuery(meta, filterMessages.whereKeyNotAllowed(key), key);
  }
  let property = key;
  let operator: string = 'eq';
  if (!meta.fieldsByProperty.has(key)) {
    const at = key.lastIndexOf(OPERATOR_SEPARATOR);
    if (at > 0) {
      property = key.slice(0, at);
      operator = key.slice(at + OPERATOR_SEPARATOR.length);
    }
  }
  if (FORBIDDEN_KEYS.has(property)) {
    throw invalidQuery(meta, filterMessages.whereKeyNotAllowed(property), property, operator);
  }
  const field = meta.fieldsByProperty.get(property);
  if (!field) {
    throw invalidQuery(meta, filterMessages.unknownWhereField(property), property, operator);
  }
  if (!isQueryOperator(operator)) {
    throw invalidQuery(
      meta,
      filterMessages.unknownOperator(operator, property),
      property,
      operator,
    );
  }
  if (field.encrypted) {
    throw invalidQuery(meta, filterMessages.encryptedNotFilterable(property), property, operator);
  }
  if (field.hashPassword) {
    throw invalidQuery(meta, filterMessages.passwordNotFilterable(property), property, operator);
  }
  return { field, operator };
}
