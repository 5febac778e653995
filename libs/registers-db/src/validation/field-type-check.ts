import type { FieldMetadata } from '../interfaces/model-metadata.interface';
import { validationMessages } from '../errors/messages';
import { toStoredDate } from './date-values';
import {
  bigintRange,
  DECIMAL_TEXT_MAX_SIGNIFICANT,
  decimalDigits,
  INT32_MAX,
  INT32_MIN,
  isInt32,
  toInt64,
} from './number-values';
import { exceedsUtf8Bytes, jsonTextDefect, TextDefect, textDefect } from './text-values';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Most UTF-8 bytes of a `text` value on every dialect: MariaDB's longtext holds far more, but
 * one value must fit its default 16 MiB packet (max_allowed_packet) with the statement.
 */
export const TEXT_MAX_BYTES = 16_000_000;

export interface TypeCheckResult {
  /** The value to store (ISO strings for date fields become Dates). */
  value: unknown;
  issue?: string;
}

function textIssue(property: string, defect: TextDefect): string {
  return defect === 'nul'
    ? validationMessages.containsNul(property)
    : validationMessages.notWellFormedText(property);
}

function checkText(field: FieldMetadata, value: unknown): TypeCheckResult {
  if (typeof value !== 'string')
    return { value, issue: validationMessages.notAString(field.property) };
  const defect = textDefect(value);
  if (defect) return { value, issue: textIssue(field.property, defect) };
  if (field.type === 'text')
    return exceedsUtf8Bytes(value, TEXT_MAX_BYTES)
      ? { value, issue: validationMessages.tooLarge(field.property, TEXT_MAX_BYTES) }
      : { value };
  const max = field.length;
  // Columns count characters (code points), not UTF-16 units.
  return max !== undefined && value.length > max && [...value].length > max
    ? { value, issue: validationMessages.tooLong(field.property, max) }
    : { value };
}

function checkDecimal(field: FieldMetadata, value: unknown): TypeCheckResult {
  const digits = decimalDigits(value);
  if (!digits) return { value, issue: validationMessages.notAFiniteNumber(field.property) };
  const precision = field.precision ?? 12;
  const scale = field.scale ?? 2;
  if (digits.integer > precision - scale || digits.fraction > scale)
    return { value, issue: validationMessages.decimalOutOfRange(field.property, precision, scale) };
  if (typeof value === 'string' && digits.significant > DECIMAL_TEXT_MAX_SIGNIFICANT)
    return { value, issue: validationMessages.decimalTextTooPrecise(field.property) };
  return { value };
}

function checkDate(field: FieldMetadata, value: unknown): TypeCheckResult {
  const stored = toStoredDate(value, field.type === 'date');
  if (stored.date) return { value: stored.date };
  const property = field.property;
  switch (stored.defect) {
    case 'year-range':
      return { value, issue: validationMessages.dateYearOutOfRange(property) };
    case 'not-midnight':
      return { value, issue: validationMessages.dateNotMidnight(property) };
    default:
      return { value, issue: validationMessages.notADate(property) };
  }
}

function checkBigint(field: FieldMetadata, value: unknown): TypeCheckResult {
  const big = toInt64(value);
  const [min, max] = bigintRange(field);
  if (big === undefined && typeof value !== 'bigint' && typeof value !== 'string')
    return { value, issue: validationMessages.notAnInteger(field.property) };
  return big !== undefined && big >= min && big <= max
    ? { value }
    : { value, issue: validationMessages.integerOutOfRange(field.property, min, max) };
}

/**
 * The storage-level check every field gets, whatever class-validator rules it has: the
 * value fits the column (type, range, precision, length, text and calendar rules), so no
 * dialect ever coerces, truncates or refuses it on its own. `value` is never null or
 * undefined here.
 */
export function checkFieldType(field: FieldMetadata, value: unknown): TypeCheckResult {
  switch (field.type) {
    case 'integer':
      if (isInt32(value)) return { value };
      return Number.isSafeInteger(value)
        ? {
            value,
            issue: validationMessages.integerOutOfRange(field.property, INT32_MIN, INT32_MAX),
          }
        : { value, issue: validationMessages.notAnInteger(field.property) };
    case 'bigint':
      return checkBigint(field, value);
    case 'double':
      return typeof value === 'number' && Number.isFinite(value)
        ? { value }
        : { value, issue: validationMessages.notAFiniteNumber(field.property) };
    case 'decimal':
      return checkDecimal(field, value);
    case 'boolean':
      return typeof value === 'boolean'
        ? { value }
        : { value, issue: validationMessages.notABoolean(field.property) };
    case 'uuid':
      return typeof value === 'string' && UUID.test(value)
        ? { value }
        : { value, issue: validationMessages.notAUuid(field.property) };
    case 'string':
    case 'text':
      return checkText(field, value);
    case 'enum':
      return field.enumValues && !field.enumValues.includes(value as string | number)
        ? { value, issue: validationMessages.notOneOf(field.property, field.enumValues) }
        : { value };
    case 'date':
    case 'datetime':
      return checkDate(field, value);
    case 'json': {
      if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
        return { value, issue: validationMessages.notJsonSerializable(field.property) };
      const defect = jsonTextDefect(value);
      return defect ? { value, issue: textIssue(field.property, defect) } : { value };
    }
    default:
      return { value };
  }
}
