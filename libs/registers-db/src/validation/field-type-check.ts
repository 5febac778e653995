import type { FieldMetadata } from '../interfaces/model-metadata.interface';
import { validationMessages } from '../errors/messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export interface TypeCheckResult {
  /** The value to store (ISO strings for date fields become Dates). */
  value: unknown;
  issue?: string;
}

/**
 * The storage-level check every field gets, whatever class-validator rules it has: the
 * value fits the column (type, finiteness, length, enum), so no dialect ever coerces or
 * truncates it silently. `value` is never null or undefined here.
 */
export function checkFieldType(field: FieldMetadata, value: unknown): TypeCheckResult {
  switch (field.type) {
    case 'integer':
      return Number.isSafeInteger(value)
        ? { value }
        : { value, issue: validationMessages.notAnInteger(field.property) };
    case 'bigint':
      if (typeof value === 'bigint' || Number.isSafeInteger(value)) return { value };
      return { value, issue: validationMessages.notAnInteger(field.property) };
    case 'double':
      return typeof value === 'number' && Number.isFinite(value)
        ? { value }
        : { value, issue: validationMessages.notAFiniteNumber(field.property) };
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return { value };
      if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return { value };
      return { value, issue: validationMessages.notAFiniteNumber(field.property) };
    case 'boolean':
      return typeof value === 'boolean'
        ? { value }
        : { value, issue: validationMessages.notABoolean(field.property) };
    case 'uuid':
      return typeof value === 'string' && UUID.test(value)
        ? { value }
        : { value, issue: validationMessages.notAUuid(field.property) };
    case 'string':
    case 'text': {
      if (typeof value !== 'string')
        return { value, issue: validationMessages.notAString(field.property) };
      const max = field.type === 'string' ? field.length : undefined;
      // Columns count characters (code points), not UTF-16 units.
      return max !== undefined && value.length > max && [...value].length > max
        ? { value, issue: validationMessages.tooLong(field.property, max) }
        : { value };
    }
    case 'enum':
      return field.enumValues && !field.enumValues.includes(value as string | number)
        ? { value, issue: validationMessages.notOneOf(field.property, field.enumValues) }
        : { value };
    case 'date':
    case 'datetime': {
      const date =
        value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime())
        ? { value: date }
        : { value, issue: validationMessages.notADate(field.property) };
    }
    case 'json':
      return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint'
        ? { value, issue: validationMessages.notJsonSerializable(field.property) }
        : { value };
    default:
      return { value };
  }
}
