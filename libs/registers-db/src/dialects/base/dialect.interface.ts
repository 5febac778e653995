import {
  DuplicateKeyError,
  ForeignKeyViolationError,
  NotNullViolationError,
  RegistryError,
  UniqueConstraintError,
} from '../../errors';
import { databaseMessages } from '../../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../../interfaces/model-metadata.interface';
import type { QueryDialect } from '../../query/query-dialect.interface';
import { failureError, type DriverFailure } from './driver-failure';

/** What the manager tells a dialect about the write that failed. */
export interface ErrorNormalizationContext {
  meta: ModelMetadata;
  operation: string;
  rowIndex?: number;
  /** Columns of a named index of the model's table (MySQL reports index names only). */
  indexColumns?: (indexName: string) => Promise<string[]>;
}

/** A driver error reduced to what every dialect can say about it. */
export interface IntegrityViolation {
  kind: 'unique' | 'foreign-key' | 'not-null';
  /** Columns involved, when the driver names them. */
  columns?: string[];
  /** Constraint or index name, when the driver names it. */
  constraint?: string;
}

/** The arguments of `Dialect.upsertSql`, in order. */
/** A question to the server, and the step between a multi-row INSERT's keys it implies. */
export interface ConsecutiveInsertIds {
  sql: string;
  /** The step, or undefined when the keys of one statement may not be consecutive. */
  stepOf(row: Record<string, unknown> | undefined): number | undefined;
}

export type UpsertSqlArgs = [
  table: string,
  columns: string[],
  conflict: string[],
  update: string[],
  rows: number,
  returning?: string[],
];

/**
 * The full dialect adapter: the query side (placeholders, quoting, value binding) plus
 * the write statements and the driver-specific knowledge the manager needs.
 */
export interface Dialect extends QueryDialect {
  /** Most bound parameters one statement may carry. */
  readonly maxParameters: number;
  /** Whether a failed statement aborts the whole transaction (PostgreSQL) rather than only itself. */
  readonly errorAbortsTransaction: boolean;
  /** Whether `UPDATE … RETURNING` exists (INSERT … RETURNING exists on all three). */
  readonly updateReturning: boolean;
  /**
   * Whether the driver reports a single-row INSERT's autoincrement key as its insert id
   * (SQLite's rowid), so that INSERT needs no RETURNING.
   */
  readonly insertIdIsKey: boolean;
  /**
   * Where a multi-row INSERT reports only its first autoincrement key (MySQL, MariaDB), how
   * to learn whether the others follow it in fixed steps, so the INSERT needs no RETURNING.
   */
  readonly consecutiveInsertIds?: ConsecutiveInsertIds;
  /**
   * Where a database does not move an autoincrement key's counter past keys written
   * explicitly (PostgreSQL sequences), the statement that does; absent elsewhere.
   */
  syncKeySequence?(table: string, keyColumn: string): { sql: string; params: unknown[] };
  /** `INSERT INTO t (cols) VALUES (…), (…)[ RETURNING …]` for `rows` rows. */
  insertSql(table: string, columns: string[], rows: number, returning?: string[]): string;
  /**
   * One atomic insert-or-update of `rows` rows: on a conflict over `conflict` (the columns
   * of a key or unique constraint), the `update` columns take the new values.
   */
  upsertSql(...args: UpsertSqlArgs): string;
  /**
   * Where duplicate-key errors name only an index (MySQL, MariaDB), the catalog question for
   * its columns (rows with `column_name`, in index order); absent elsewhere.
   */
  indexColumnsSql?(table: string, index: string): { sql: string; params: unknown[] };
  /**
   * How a parameter of hand-written SQL (`raw()`) binds where the driver cannot take it as
   * is (SQLite: dates as ISO-8601 text); absent where the driver binds every JS value.
   */
  readonly rawParameter?: (value: unknown) => unknown;
  /**
   * A field's column in a SELECT list where the driver cannot read it exactly as it is
   * (SQLite: bigints read as text, since better-sqlite3 rounds integers beyond 2^53);
   * absent where every column is read as it is.
   */
  selectColumn?(field: FieldMetadata, quoted: string): string;
  /** Converts what the driver returned for a field into the field's JS value. */
  fromDriver(field: FieldMetadata, value: unknown): unknown;
  /** The integrity violation a driver error stands for, if it is one. */
  classifyError(error: unknown): IntegrityViolation | undefined;
  /** The busy wait or refused value a driver error stands for, if it is one. */
  classifyFailure(error: unknown): DriverFailure | undefined;
  /**
   * A driver error as the library's error class (an integrity error, DatabaseBusyError,
   * ValidationError), or undefined when the dialect does not know it.
   */
  normalizeError(
    error: unknown,
    context: ErrorNormalizationContext,
  ): Promise<RegistryError | undefined>;
}

function propertiesOf(meta: ModelMetadata, columns: string[]): string[] {
  return columns.map((column) => meta.fields.find((f) => f.column === column)?.property ?? column);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * Builds the library error for a classified violation. Messages and context name fields
 * and constraints only, never the offending values (they may be secrets).
 */
export async function integrityError(
  violation: IntegrityViolation,
  context: ErrorNormalizationContext,
): Promise<RegistryError> {
  const { meta, operation, rowIndex } = context;
  let columns = violation.columns;
  if (!columns?.length && violation.constraint && context.indexColumns) {
    columns = await context.indexColumns(violation.constraint).catch(() => []);
  }
  const keyColumn = meta.fieldsByProperty.get(meta.key)?.column ?? meta.key;
  const base = {
    model: meta.name,
    table: meta.table,
    operation,
    ...(rowIndex === undefined ? {} : { rowIndex }),
    ...(violation.constraint ? { constraint: violation.constraint } : {}),
  };
  if (violation.kind === 'unique') {
    const isKey =
      (columns?.length ? sameSet(columns, [keyColumn]) : false) ||
      violation.constraint === 'PRIMARY' ||
      violation.constraint === `${meta.table}_pkey`;
    if (isKey) {
      return new DuplicateKeyError(databaseMessages.duplicateKey(meta.name, meta.key, rowIndex), {
        ...base,
        fields: [meta.key],
      });
    }
    const fields = columns?.length ? propertiesOf(meta, columns) : [];
    return new UniqueConstraintError(
      databaseMessages.uniqueViolated(meta.name, fields, violation.constraint, rowIndex),
      { ...base, fields },
    );
  }
  if (violation.kind === 'foreign-key') {
    const fields = columns?.length
      ? propertiesOf(meta, columns)
      : meta.fields.filter((f) => f.foreignKey).map((f) => f.property);
    return new ForeignKeyViolationError(
      databaseMessages.foreignKeyFailed(meta.name, fields, rowIndex),
      { ...base, fields },
    );
  }
  const fields = columns?.length ? propertiesOf(meta, columns) : [];
  return new NotNullViolationError(databaseMessages.notNullViolated(meta.name, fields, rowIndex), {
    ...base,
    fields,
  });
}

/** The error for a failure the dialect's `classifyFailure` found, in a model's terms. */
export function modelFailureError(
  failure: DriverFailure,
  error: unknown,
  { meta, operation, rowIndex }: ErrorNormalizationContext,
): RegistryError {
  return failureError(failure, error, { label: meta.name, meta, operation, rowIndex });
}

/**
 * The integrity error a dialect's `classifyError` finds in a driver error, else the busy or
 * value error its `classifyFailure` finds, else undefined.
 */
export async function normalizeClassifiedError(
  dialect: Pick<Dialect, 'classifyError' | 'classifyFailure'>,
  error: unknown,
  context: ErrorNormalizationContext,
): Promise<RegistryError | undefined> {
  const violation = dialect.classifyError(error);
  if (violation) return integrityError(violation, context);
  const failure = dialect.classifyFailure(error);
  return failure ? modelFailureError(failure, error, context) : undefined;
}
