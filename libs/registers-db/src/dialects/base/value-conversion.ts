import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import { toDate } from '../../query/driver-values';
import { DatabaseError } from '../../errors';
import { recordMessages } from '../../errors/messages';

/** Where a dialect binds values differently from the common conversions in `toDriverValue`. */
export interface BindRules {
  boolean(value: unknown): unknown;
  /** A datetime as the driver binds it; ISO-8601 text unless given. */
  datetime?(value: Date): unknown;
  /** Overrides for whole logical types (SQLite's decimals). */
  types?: Partial<Record<FieldMetadata['type'], (value: unknown) => unknown>>;
}

/** Where a dialect reads driver values differently from the common conversions in `fromDriverValue`. */
export interface ReadRules {
  /** A non-boolean the driver returned for a boolean column. */
  boolean(value: unknown): boolean;
  /** A non-Date the driver returned for a date or datetime column; `new Date(value)` unless given. */
  date?(value: unknown): Date;
  /** Driver json before it is parsed when it is text (mysql2 may return a Buffer). */
  json?(value: unknown): unknown;
  /** The driver returns json columns already parsed (pg), so nothing is parsed again. */
  jsonParsed?: boolean;
}

/** A field's JS value as the driver binds it: day-only dates, JSON text, lower-case uuids. */
export function toDriverValue(field: FieldMetadata, value: unknown, rules: BindRules): unknown {
  if (value === null || value === undefined) return null;
  const override = rules.types?.[field.type];
  if (override) return override(value);
  switch (field.type) {
    case 'boolean':
      return rules.boolean(value);
    case 'date':
      // Day only, as PostgreSQL and MariaDB store it, so `field: 'YYYY-MM-DD'` matches on SQLite too.
      return toDate(value).toISOString().slice(0, 10);
    case 'datetime':
      return rules.datetime ? rules.datetime(toDate(value)) : toDate(value).toISOString();
    case 'json':
      return JSON.stringify(value);
    case 'bigint':
      // Digit strings bind as bigints: MariaDB compares an integer column with text as doubles.
      return typeof value === 'string' ? BigInt(value) : value;
    case 'uuid':
      return typeof value === 'string' ? value.toLowerCase() : value;
    default:
      return value;
  }
}

/**
 * A bigint column's value as its field reads it (see FieldMetadata.bigintMode). Drivers give
 * numbers, digit strings (pg, mysql2 beyond 2^53) or bigints; a number that is not a safe
 * integer was rounded by the driver, and a number field refuses what it cannot hold.
 */
function bigintFromDriver(field: FieldMetadata, value: unknown): unknown {
  switch (field.bigintMode) {
    case 'bigint':
      return typeof value === 'bigint' ? value : BigInt(value as string | number);
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      if (Number.isSafeInteger(n)) return n;
      throw new DatabaseError(recordMessages.unsafeIntegerRead(field.property, field.column), {
        field: field.property,
      });
    }
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** What the driver returned for a field as the field's JS value. */
export function fromDriverValue(field: FieldMetadata, value: unknown, rules: ReadRules): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'bigint':
      return bigintFromDriver(field, value);
    case 'integer':
    case 'double':
    case 'decimal':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : rules.boolean(value);
    case 'date':
    case 'datetime':
      if (value instanceof Date) return value;
      return rules.date ? rules.date(value) : new Date(value as string | number);
    case 'json': {
      if (rules.jsonParsed) return value;
      const text = rules.json ? rules.json(value) : value;
      return typeof text === 'string' ? JSON.parse(text) : text;
    }
    default:
      return value;
  }
}
