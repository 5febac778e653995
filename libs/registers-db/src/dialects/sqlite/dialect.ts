import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { RegistryError } from '../../errors';
import {
  Dialect,
  ErrorNormalizationContext,
  IntegrityViolation,
  normalizeClassifiedError,
  UpsertSqlArgs,
} from '../base/dialect.interface';
import type { DriverFailure } from '../base/driver-failure';
import { fromDriverValue, ReadRules } from '../base/value-conversion';
import { insertSql, onConflictUpsertSql } from '../base/sql-builders';
import { classifySqliteError, classifySqliteFailure } from './errors';
import { SqliteQueryDialect } from './query';

const SQLITE_READ_RULES: ReadRules = {
  boolean: (value) => value === 1 || value === '1' || value === 1n,
};

/**
 * SQLite through better-sqlite3: booleans as 0/1, dates as ISO-8601 text, json as text.
 * `INSERT … RETURNING` and `ON CONFLICT … DO UPDATE` exist since SQLite 3.35 / 3.24.
 */
export class SqliteDialect extends SqliteQueryDialect implements Dialect {
  // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since SQLite 3.32.
  readonly maxParameters = 32766;
  readonly errorAbortsTransaction = false;
  readonly updateReturning = true;
  readonly insertIdIsKey = true;
  readonly rawParameter = (value: unknown): unknown =>
    value instanceof Date ? value.toISOString() : value;

  insertSql(table: string, columns: string[], rows: number, returning?: string[]): string {
    return insertSql(this, table, columns, rows, returning);
  }

  upsertSql(...args: UpsertSqlArgs): string {
    return onConflictUpsertSql(this, 'excluded', ...args);
  }

  selectColumn(field: FieldMetadata, quoted: string): string {
    return field.type === 'bigint' && field.bigintMode !== 'number'
      ? `CAST(${quoted} AS TEXT) AS ${quoted}`
      : quoted;
  }

  fromDriver(field: FieldMetadata, value: unknown): unknown {
    return fromDriverValue(field, value, SQLITE_READ_RULES);
  }

  classifyError(error: unknown): IntegrityViolation | undefined {
    return classifySqliteError(error);
  }

  classifyFailure(error: unknown): DriverFailure | undefined {
    return classifySqliteFailure(error);
  }

  normalizeError(
    error: unknown,
    context: ErrorNormalizationContext,
  ): Promise<RegistryError | undefined> {
    return normalizeClassifiedError(this, error, context);
  }
}
