import type { FieldMetadata, LogicalType } from '../interfaces/model-metadata.interface';
import type { QueryOperator } from '../query/operators';

const ORDERED: readonly QueryOperator[] = [
  'eq',
  'not',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'between',
];
const TEXT: readonly QueryOperator[] = [
  'eq',
  'not',
  'in',
  'not_in',
  'contains',
  'icontains',
  'startswith',
  'istartswith',
  'endswith',
  'iendswith',
];
const EQUALITY: readonly QueryOperator[] = ['eq', 'not', 'in', 'not_in'];

/** The operators a list query offers per column type (json columns only test for null). */
const BY_TYPE: Record<LogicalType, readonly QueryOperator[]> = {
  integer: ORDERED,
  bigint: ORDERED,
  double: ORDERED,
  decimal: ORDERED,
  date: ORDERED,
  datetime: ORDERED,
  string: TEXT,
  text: TEXT,
  enum: EQUALITY,
  uuid: EQUALITY,
  boolean: ['eq', 'not'],
  json: [],
};

/** Every operator a field supports in a query string; `is_null` only on nullable fields. */
export function operatorsFor(field: FieldMetadata): QueryOperator[] {
  const base = [...BY_TYPE[field.type]];
  return field.nullable ? [...base, 'is_null'] : base;
}

/** Operators whose value is a list (comma-separated, or the parameter repeated). */
export const LIST_OPERATORS: ReadonlySet<QueryOperator> = new Set(['in', 'not_in', 'between']);
