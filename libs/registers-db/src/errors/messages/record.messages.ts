import type { FieldValidationIssue } from '../validation.error';

/** ` (row N)` for an error of one row of a bulk write, else nothing. */
export function atRow(rowIndex: number | undefined): string {
  return rowIndex === undefined ? '' : ` (row ${rowIndex})`;
}

/**
 * Messages of the errors about one record or one write: ValidationError,
 * RecordNotFoundError, InvalidPrimaryKeyAssignmentError, ImmutableFieldError.
 */
export const recordMessages = {
  unsafeIntegerRead: (property: string, column: string) =>
    `column ${column} holds an integer beyond ±(2^53 − 1), which the number property ` +
    `${property} cannot hold exactly; declare ${property} as bigint or string`,

  invalidFields: (model: string, issues: FieldValidationIssue[], rowIndex: number | undefined) =>
    `${model}: invalid ${issues.map((i) => i.field).join(', ')}${atRow(rowIndex)}`,

  notFoundByKey: (model: string, keyName: string, key: unknown) =>
    `${model} with ${keyName} ${String(key)} not found`,

  notFoundByFilter: (model: string) => `${model} matching the filter not found`,

  keyAssignedByDatabase: (model: string, key: string) =>
    `${model}.${key} is assigned by the database and cannot be supplied`,

  keyImmutable: (model: string, key: string) => `${model}.${key} is the key and cannot be changed`,

  storedKeyImmutable: (model: string, key: string) =>
    `${model}.${key} of a stored record cannot be changed`,
};
