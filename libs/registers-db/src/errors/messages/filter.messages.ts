/**
 * Messages of the InvalidQueryError of a filter, ordering, aggregate or query options that
 * cannot be compiled (the query compiler prefixes `Model: `). `got` describes the type of
 * the offending value, never the value (it may be a secret).
 */
export const filterMessages = {
  optionsNotObject: (got: string) => `query options must be an object, got ${got}`,

  boundNotNonNegativeInteger: (option: string, got: string) =>
    `${option} must be a non-negative integer, got ${got}`,

  includeDeletedNotBoolean: (got: string) => `includeDeleted must be a boolean, got ${got}`,

  whereNotPlainObject: (got: string) => `where must be a plain object, got ${got}`,

  whereKeyNotAllowed: (key: string) => `"${key}" is not allowed as a where key`,

  unknownWhereField: (property: string) => `unknown field "${property}" in where`,

  unknownOperator: (operator: string, property: string) =>
    `unknown operator "${operator}" for field "${property}"`,

  encryptedNotFilterable: (property: string) =>
    `field "${property}" is encrypted and cannot be filtered on`,

  passwordNotFilterable: (property: string) =>
    `field "${property}" holds password hashes and cannot be filtered on`,

  undefinedValue: (key: string) => `"${key}" is undefined; leave the key out or use null`,

  /** An array given to eq/ne: points to the list operator that matches a list. */
  arrayForSingleValue: (key: string, property: string, operator: string) =>
    `"${key}" got an array; use "${property}__${operator === 'eq' ? 'in' : 'not_in'}" to match a list`,

  expectsBoolean: (key: string, got: string) => `"${key}" expects true or false, got ${got}`,

  expectsTwoBounds: (key: string) => `"${key}" expects exactly two bounds [low, high]`,

  expectsArray: (property: string, operator: string, got: string) =>
    `"${property}__${operator}" expects an array, got ${got}`,

  listTooLong: (property: string, operator: string, max: number) =>
    `"${property}__${operator}" lists are limited to ${max} values`,

  expectsValueOfType: (property: string, operator: string, expected: string, got: string) =>
    `"${property}__${operator}" expects ${expected}, got ${got}`,

  textOperatorOnly: (operator: string, property: string, type: string) =>
    `operator "${operator}" applies to string fields; "${property}" is ${type}`,

  expectsStoredString: (property: string, operator: string, got: string) =>
    `"${property}__${operator}" expects a string without NUL characters, got ${got}`,

  patternTooLong: (property: string, operator: string, max: number) =>
    `"${property}__${operator}" patterns are limited to ${max} characters`,

  notAnAggregate: () => 'aggregate expects Agg.count/sum/avg/min/max(...)',

  aggregateNeedsField: (fn: string) => `Agg.${fn} needs a field`,

  unknownAggregateField: (property: string) => `unknown aggregate field "${property}"`,

  protectedNotAggregated: (property: string) =>
    `field "${property}" is protected and cannot be aggregated`,

  aggregateNeedsNumeric: (fn: string, property: string, type: string) =>
    `Agg.${fn} needs a numeric field; "${property}" is ${type}`,

  aggregateNeedsOrdered: (fn: string, type: string, property: string) =>
    `Agg.${fn} cannot order ${type} field "${property}"`,

  orderByExpectsNames: (got: string) => `orderBy expects field names, got ${got}`,

  unknownOrderByField: (property: string) => `unknown orderBy field "${property}"`,

  protectedNotOrdered: (property: string) =>
    `field "${property}" is protected and cannot be ordered by`,

  jsonNotOrdered: (property: string) => `json field "${property}" cannot be ordered by`,
};
