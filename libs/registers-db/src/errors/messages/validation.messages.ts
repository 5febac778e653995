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

  integerOutOfRange: (property: string, min: number | bigint, max: number | bigint) =>
    `${property} must be an integer from ${min} to ${max}`,

  decimalOutOfRange: (property: string, precision: number, scale: number) =>
    `${property} must be a number with at most ${precision - scale} digits before the point ` +
    `and ${scale} after it (decimal(${precision},${scale}))`,

  decimalTextTooPrecise: (property: string) =>
    `${property} given as text must have at most 15 significant digits (it reads back as a number)`,

  notABoolean: (property: string) => `${property} must be a boolean`,

  notAUuid: (property: string) => `${property} must be a UUID`,

  notAString: (property: string) => `${property} must be a string`,

  tooLong: (property: string, maxCharacters: number) =>
    `${property} must be at most ${maxCharacters} characters`,

  tooLarge: (property: string, maxBytes: number) =>
    `${property} must be at most ${maxBytes} bytes of UTF-8 text`,

  containsNul: (property: string) =>
    `${property} must not contain the NUL character (U+0000), which databases cannot store`,

  notWellFormedText: (property: string) =>
    `${property} must be well-formed Unicode text (it contains a lone surrogate half)`,

  notOneOf: (property: string, values: readonly (string | number)[]) =>
    `${property} must be one of: ${values.join(', ')}`,

  notADate: (property: string) =>
    `${property} must be a valid date (a Date, or an ISO-8601 string naming a real day and time)`,

  dateYearOutOfRange: (property: string) => `${property} must be a date in the years 1 to 9999`,

  dateNotMidnight: (property: string) =>
    `${property} holds a calendar day: give 'YYYY-MM-DD' or a Date at midnight UTC`,

  ruleThrew: (property: string) =>
    `${property} could not be checked: one of its validation rules failed on this value, so it is refused`,

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
