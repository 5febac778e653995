/**
 * Messages of the CRUD routes (`@registers/db/crud`): resources declared wrongly
 * (ConfigurationError) and list queries a client sent wrongly (InvalidQueryError). They name
 * the model, the parameter and what is allowed, never the value sent.
 */
export const crudMessages = {
  unknownField: (model: string, option: string, field: string) =>
    `${model}: ${option} names '${field}', which is not a stored field of the model.`,

  secretField: (model: string, option: string, field: string) =>
    `${model}: ${option} names '${field}', a password or encrypted field; such fields cannot be filtered or sorted on.`,

  operatorNotForType: (
    model: string,
    field: string,
    operator: string,
    allowed: readonly string[],
  ) =>
    `${model}: filterable allows '${operator}' on '${field}', which its type does not support; use one of ${allowed.join(', ')}.`,

  aliasTaken: (model: string, alias: string) =>
    `${model}: filters declares the alias '${alias}', which is already a query parameter of the list; choose another name.`,

  unsortedDefaultOrder: (model: string, field: string, sortable: readonly string[]) =>
    `${model}: defaultOrder names '${field}', which is not sortable; add it to sortable or use one of ${sortable.join(', ')}.`,

  keyOutOfRange: (model: string, key: string, min: number, max: number) =>
    `${model}: ${key} must be a whole number from ${min} to ${max}`,

  queryWithoutAppValidation: (model: string) =>
    `${model}: query names a class for the list's query, which only validation: 'app' uses; add validation: 'app' or remove query.`,

  queryClassProperty: (model: string, property: string, allowed: readonly string[]) =>
    `${model}: the query class declares '${property}', which is neither a filter nor a page parameter of the list; use one of ${allowed.join(', ')}.`,

  unknownOperation: (model: string, operation: string, allowed: readonly string[]) =>
    `${model}: unknown CRUD operation '${operation}'; use ${allowed.join(', ')}.`,

  filterNotAllowed: (parameter: string, allowed: readonly string[]) =>
    allowed.length > 0
      ? `the query parameter '${parameter}' is not an allowed filter; allowed: ${allowed.join(', ')}`
      : `the query parameter '${parameter}' is not an allowed filter; this list takes no filters`,

  filterValue: (parameter: string, expected: string) =>
    `the query parameter '${parameter}' must be ${expected}`,

  repeatedParameter: (parameter: string) =>
    `the query parameter '${parameter}' is given more than once`,

  sortNotAllowed: (field: string, allowed: readonly string[]) =>
    `orderBy cannot sort on '${field}'; sortable: ${allowed.join(', ')}`,

  pageParameter: (parameter: string, max: number) =>
    `${parameter} must be a whole number from ${parameter === 'limit' ? 1 : 0} to ${max}`,

  cursorWithOffset: () =>
    'cursor and offset cannot be combined; page with cursor (keyset) or with offset',

  invalidBody: (model: string, fields: readonly string[]) =>
    `${model}: invalid ${fields.join(', ')}`,
};
