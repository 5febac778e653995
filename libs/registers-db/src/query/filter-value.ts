import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { invalidQuery } from './invalid-query';
import type { QueryOperator } from './operators';
import { filterMessages } from '../errors/messages';
import { toStoredDate } from '../validation/date-values';
import { isInt32, toInt64 } from '../validation/number-values';
import { isStorableText, textDefect } from '../validation/text-values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Longest pattern operand, in UTF-16 code units. SQLite refuses LIKE/GLOB patterns over
 * 50,000 bytes; 4,096 units stay under that after escaping and GLOB rewriting on every dialect.
 */
export const MAX_PATTERN_LENGTH = 4096;

/** Most values in one `in`/`not_in` list (every driver has a bound-parameter limit). */
export const MAX_LIST_LENGTH = 10_000;

/** Field types that LIKE-style operators apply to. */
const TEXT_TYPES = new Set(['string', 'text', 'enum']);

/** What a value of each field type must be, for messages. */
const EXPECTED: Record<FieldMetadata['type'], string> = {
  integer: 'an integer from -2147483648 to 2147483647',
  bigint: 'a 64-bit integer (a number, a bigint or a string of digits)',
  double: 'a finite number',
  decimal: 'a finite number or a decimal string',
  boolean: 'a boolean',
  string: 'a string',
  text: 'a string',
  uuid: 'a UUID string',
  date: 'a Date or an ISO-8601 string in the years 1 to 9999',
  datetime: 'a Date or an ISO-8601 string in the years 1 to 9999',
  json: 'nothing (json fields can only be tested for null)',
  enum: 'one of the enum values',
};

function isValidScalar(field: FieldMetadata, value: unknown): boolean {
  switch (field.type) {
    case 'integer':
      return isInt32(value);
    case 'bigint':
      return toInt64(value) !== undefined;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value);
    case 'decimal':
      return (
        (typeof value === 'number' && Number.isFinite(value)) ||
        (typeof value === 'string' && DECIMAL_TEXT.test(value))
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
    case 'text':
      return isStoredString(value);
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'date':
    case 'datetime':
      return toStoredDate(value, false).date !== undefined;
    case 'enum':
      if (field.enumValues) return field.enumValues.includes(value as string | number);
      return isStoredString(value) || (typeof value === 'number' && Number.isFinite(value));
    case 'json':
      return false;
    default:
      return false;
  }
}

/** Text a column can hold (see validation/text-values.ts); NUL is also MySQL LIKE's "no escape". */
function isStoredString(value: unknown): value is string {
  return typeof value === 'string' && isStorableText(value);
}

/** Throws unless `value` is a non-null value of `field`'s type. */
export function checkScalar(
  meta: ModelMetadata,
  field: FieldMetadata,
  operator: QueryOperator,
  value: unknown,
): void {
  if (!isValidScalar(field, value)) {
    throw invalidQuery(
      meta,
      filterMessages.expectsValueOfType(
        field.property,
        operator,
        EXPECTED[field.type],
        describe(value),
      ),
      field.property,
      operator,
    );
  }
}

/** Throws unless `value` can be a LIKE pattern on `field`. */
export function checkPattern(
  meta: ModelMetadata,
  field: FieldMetadata,
  operator: QueryOperator,
  value: unknown,
): string {
  if (!TEXT_TYPES.has(field.type)) {
    throw invalidQuery(
      meta,
      filterMessages.textOperatorOnly(operator, field.property, field.type),
      field.property,
      operator,
    );
  }
  if (!isStoredString(value)) {
    throw invalidQuery(
      meta,
      filterMessages.expectsStoredString(field.property, operator, describe(value)),
      field.property,
      operator,
    );
  }
  if (value.length > MAX_PATTERN_LENGTH) {
    throw invalidQuery(
      meta,
      filterMessages.patternTooLong(field.property, operator, MAX_PATTERN_LENGTH),
      field.property,
      operator,
    );
  }
  return value;
}

/** A value's kind for error messages (never the value itself). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return 'an infinite number';
    return Number.isInteger(value) ? 'an integer' : 'a fractional number';
  }
  if (typeof value === 'string') {
    const defect = textDefect(value);
    if (defect === 'nul') return 'a string with a NUL character';
    return defect ? 'a string with a lone surrogate half' : 'a string';
  }
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
