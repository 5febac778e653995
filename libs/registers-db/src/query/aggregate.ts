import type { QueryDialect } from './query-dialect.interface';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { compileWhere } from './compile-where';
import { invalidQuery } from './invalid-query';
import { FORBIDDEN_KEYS } from './operators';
import type { Filter } from './query-node';
import type { SqlParams } from './sql-params';
import { hasTextComparison, isTextField } from './text-comparison';
import type { FieldName } from './where.types';
import { filterMessages } from '../errors/messages';

export type AggregateFunction = 'count' | 'sum' | 'avg' | 'min' | 'max';

const NUMERIC_TYPES = new Set(['integer', 'bigint', 'double', 'decimal']);
const ORDERED_TYPES = new Set([
  ...NUMERIC_TYPES,
  'string',
  'text',
  'uuid',
  'date',
  'datetime',
  'enum',
]);

/** One aggregate over a field, optionally restricted to the rows matching `where`. */
export class AggregateDescriptor<T = any> {
  constructor(
    readonly fn: AggregateFunction,
    /** Absent only for `Agg.count()`, which counts rows. */
    readonly field: FieldName<T> | undefined,
    readonly where: Filter<T> | undefined,
  ) {
    Object.freeze(this);
  }
}

export function isAggregate(value: unknown): value is AggregateDescriptor {
  return value instanceof AggregateDescriptor;
}

/** `Agg.count('id', { age__gte: 18 })`, `Agg.sum('total')`, `Agg.max('createdAt')`. */
export const Agg = {
  /** Rows (no field) or non-null values of `field`. */
  count: <T = any>(field?: FieldName<T>, where?: Filter<T>) =>
    new AggregateDescriptor<T>('count', field, where),
  sum: <T = any>(field: FieldName<T>, where?: Filter<T>) =>
    new AggregateDescriptor<T>('sum', field, where),
  avg: <T = any>(field: FieldName<T>, where?: Filter<T>) =>
    new AggregateDescriptor<T>('avg', field, where),
  min: <T = any>(field: FieldName<T>, where?: Filter<T>) =>
    new AggregateDescriptor<T>('min', field, where),
  max: <T = any>(field: FieldName<T>, where?: Filter<T>) =>
    new AggregateDescriptor<T>('max', field, where),
} as const;

/** The field an aggregate reads (validated), or undefined for a row count. */
export function aggregateField(
  meta: ModelMetadata,
  agg: AggregateDescriptor,
): FieldMetadata | undefined {
  if (!isAggregate(agg)) throw invalidQuery(meta, filterMessages.notAnAggregate());
  const { fn, field: property } = agg;
  if (property === undefined) {
    if (fn === 'count') return undefined;
    throw invalidQuery(meta, filterMessages.aggregateNeedsField(fn), undefined, fn);
  }
  const field =
    typeof property === 'string' && !FORBIDDEN_KEYS.has(property)
      ? meta.fieldsByProperty.get(property)
      : undefined;
  if (!field)
    throw invalidQuery(
      meta,
      filterMessages.unknownAggregateField(String(property)),
      String(property),
      fn,
    );
  if (field.encrypted || field.hashPassword) {
    throw invalidQuery(
      meta,
      filterMessages.protectedNotAggregated(field.property),
      field.property,
      fn,
    );
  }
  if ((fn === 'sum' || fn === 'avg') && !NUMERIC_TYPES.has(field.type)) {
    throw invalidQuery(
      meta,
      filterMessages.aggregateNeedsNumeric(fn, field.property, field.type),
      field.property,
      fn,
    );
  }
  if ((fn === 'min' || fn === 'max') && !ORDERED_TYPES.has(field.type)) {
    throw invalidQuery(
      meta,
      filterMessages.aggregateNeedsOrdered(fn, field.type, field.property),
      field.property,
      fn,
    );
  }
  return field;
}

/**
 * The select expression of an aggregate, e.g. `COUNT("id")` or, with a filter,
 * `SUM(CASE WHEN <condition> THEN "total" END)` (portable to all three dialects).
 */
export function compileAggregate(
  meta: ModelMetadata,
  agg: AggregateDescriptor,
  dialect: QueryDialect,
  params: SqlParams,
): string {
  const field = aggregateField(meta, agg);
  let target = field ? dialect.quoteIdentifier(field.column) : undefined;
  if (
    target &&
    field &&
    (agg.fn === 'min' || agg.fn === 'max') &&
    hasTextComparison(dialect) &&
    isTextField(field)
  ) {
    target = dialect.orderText(target); // same order as ORDER BY
  }
  const condition = compileWhere(meta, agg.where, dialect, params);
  const fn = agg.fn.toUpperCase();
  if (!condition) return `${fn}(${target ?? '*'})`;
  return `${fn}(CASE WHEN ${condition} THEN ${target ?? '1'} END)`;
}

/**
 * A driver's aggregate result as the API returns it: counts, sums and averages (and
 * min/max of numeric fields) as JS numbers, `null` for an empty set, min/max of text as
 * strings. min/max of dates are returned as the driver gave them; convert them with the
 * dialect's fromDriver.
 */
export function aggregateResult(
  meta: ModelMetadata,
  agg: AggregateDescriptor,
  raw: unknown,
): unknown {
  if (agg.fn === 'count') return Number(raw ?? 0);
  if (raw === null || raw === undefined) return null;
  const field = aggregateField(meta, agg);
  if (agg.fn === 'sum' || agg.fn === 'avg' || (field && NUMERIC_TYPES.has(field.type)))
    return Number(raw);
  // Text min/max ordered through a binary cast come back as bytes (MySQL/MariaDB).
  if (field && isTextField(field) && raw instanceof Uint8Array)
    return Buffer.from(raw).toString('utf8');
  return raw;
}
