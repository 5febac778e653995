import { atRow } from './record.messages';

/**
 * The per-field issue messages of a ValidationError (its `issues`), written by the storage
 * checks that every write gets. Built only for a value that fails its check.
 */
export const validationMessages = {
  dataNotObject: (model: string) => `${model} data must be an object`,

  fieldNameNotAllowed: (key: string) => `${key} is not an allowed field name`,

  notAField: (key: string, model: string) => `${key} is not a field of ${model}`,

  mustNotBeNull: (property: string) => `${property} must not be null`,

  required: (property: string) => `${property} is required`,

  notAnInteger: (property: string) => `${property} must be an integer`,

  notAFiniteNumber: (property: string) => `${property} must be a finite number`,

  notABoolean: (property: string) => `${property} must be a boolean`,

  notAUuid: (property: string) => `${property} must be a UUID`,

  notAString: (property: string) => `${property} must be a string`,

  tooLong: (property: string, maxCharacters: number) =>
    `${property} must be at most ${maxCharacters} characters`,

  notOneOf: (property: string, values: readonly (string | number)[]) =>
    `${property} must be one of: ${values.join(', ')}`,

  notADate: (property: string) => `${property} must be a valid date`,

  notJsonSerializable: (property: string) => `${property} must be JSON-serializable`,

  /** The issue of a password given to hashPassword that is not a string. */
  passwordNotString: () => 'must be a string',

  /**
   * The issue of a value the database refused (out of range, too long, …): `problem` says
   * what kind, in words. Never the value itself: it may be a secret.
   */
  refusedByDatabase: (property: string, problem: string) =>
    `${property}: the database refused the value (${problem}); check it against the column's type and size`,

  /** The message of a ValidationError for a value the database refused (see refusedByDatabase). */
  databaseRefused: (
    label: string,
    operation: string,
    property: string,
    problem: string,
    rowIndex: number | undefined,
  ) =>
    `${label}.${operation}: the database refused the value of ${property} (${problem})${atRow(rowIndex)}`,
};
