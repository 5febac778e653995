/** The `field__op` operators of a `where` object; a bare `field` key means `eq`. */
export const QUERY_OPERATORS = [
  'eq',
  'not',
  'gt',
  'gte',
  'lt',
  'lte',
  'like',
  'ilike',
  'in',
  'not_in',
  'is_null',
  'between',
  'contains',
  'startswith',
  'endswith',
  'icontains',
  'istartswith',
  'iendswith',
] as const;

export type QueryOperator = (typeof QUERY_OPERATORS)[number];

const OPERATOR_SET: ReadonlySet<string> = new Set(QUERY_OPERATORS);

export function isQueryOperator(name: string): name is QueryOperator {
  return OPERATOR_SET.has(name);
}

/** Separator between a field and its operator in a `where` key. */
export const OPERATOR_SEPARATOR = '__';

/** Keys refused anywhere in a `where` object (prototype pollution). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);
