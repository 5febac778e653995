/**
 * Messages of InvalidQueryError: filters, orderings, lookups, raw statements and manager
 * calls that cannot run as given. They describe the expected shape, never the offending value.
 */
export const queryMessages = {
  /** `Model: problem`, for a filter, ordering or aggregate that cannot be compiled. */
  modelProblem: (model: string, problem: string) => `${model}: ${problem}`,

  /** `Model.operation: problem`, for a raw statement the parser rejected. */
  operationProblem: (model: string, operation: string, problem: string) =>
    `${model}.${operation}: ${problem}`,

  notAPasswordField: (model: string, property: string) =>
    `${model}.${property} is not a password field`,

  whereNotObject: (model: string, operation: string) =>
    `${model}.${operation}: where must be an object`,

  fullTableWhere: (model: string, operation: string) =>
    `${model}.${operation} with an empty where touches every row; pass { allowFullTable: true } to do that`,

  rowsNotArray: (model: string, operation: string) =>
    `${model}.${operation} needs an array of rows`,

  invalidKeyValue: (model: string, operation: string, key: string) =>
    `${model}.${operation}: invalid ${key} value`,

  lookupNotObject: (model: string, operation: string) =>
    `${model}.${operation}: lookup must be an object`,

  keyNotAllowed: (model: string, operation: string, key: string) =>
    `${model}.${operation}: '${key}' is not allowed`,

  lookupNotUnique: (
    model: string,
    operation: string,
    key: string,
    uniqueGroups: readonly (readonly string[])[],
  ) =>
    `${model}.${operation}: lookup must be the key or a unique field set (${[[key], ...uniqueGroups].map((g) => g.join('+')).join(', ')})`,

  lookupValueMissing: (model: string, operation: string, field: string) =>
    `${model}.${operation}: lookup value of ${field} is missing`,

  paginateLimit: (model: string) => `${model}.paginate: limit must be a positive integer`,

  paginateNullableOrder: (model: string, property: string) =>
    `${model}.paginate: order field "${property}" may be null`,

  invalidCursor: (model: string) => `${model}.paginate: invalid cursor`,

  updateNeedsChange: (model: string) => `${model}.updateWhere needs at least one change`,

  updateNoStoredField: (model: string) => `${model}.updateWhere: no stored field among the changes`,

  purgeBeforeNotDate: (model: string) => `${model}.purgeDeleted: before must be a valid Date`,

  saveNeedsRecord: (model: string) => `${model}.save needs a record`,

  excludeWhereNotObject: (model: string) => `${model}.exclude: where must be an object`,

  fieldsNeeded: (model: string, operation: string) =>
    `${model}.${operation} needs at least one field`,

  unknownField: (model: string, operation: string, property: string) =>
    `${model}.${operation}: unknown field "${property}"`,

  aggregateShape: (model: string) =>
    `${model}.aggregate takes Agg.count/sum/avg/min/max(...) or { label: Agg… }`,

  notSoftDelete: (model: string, operation: string) =>
    `${model}.${operation}: the model does not use softDelete`,

  outsideTenantScope: (model: string, operation: string) =>
    `${model}.${operation} runs outside a tenantScope (use tenantScope(tenant, fn), or unscoped(fn) for all tenants)`,

  fieldOfOtherTenant: (model: string, operation: string, property: string) =>
    `${model}.${operation}: ${property} belongs to another tenant`,

  recordOfOtherTenant: (model: string, operation: string) =>
    `${model}.${operation}: the record belongs to another tenant`,

  createBatchCount: (model: string, count: string) =>
    `factory(${model}).createBatch needs a whole number >= 0, got ${count}`,
};
