import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import { toDate } from '../../query/driver-values';

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
    case 'uuid':
      return typeof value === 'string' ? value.toLowerCase() : value;
    default:
      return value;
  }
}

/** What the driver returned for a field as the field's JS value. */
export function fromDriverValue(field: FieldMetadata, value: unknown, rules: ReadRules): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'integer':
    case 'bigint':
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
      const text = rules.json ? rules.json(value) : value;
      return typeof text === 'string' ? JSON.parse(text) : text;
    }
    default:
      return value;
  }
}
