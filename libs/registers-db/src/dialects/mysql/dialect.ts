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
import { insertSql, upsertSql } from '../base/sql-builders';
import { classifyMysqlError, classifyMysqlFailure } from './errors';
import { MysqlQueryDialect } from './query';

/**
 * DATE and DATETIME(3) text (the pool reads dates as text) as a Date: UTC wall-clock time
 * without a zone. A bare day is read as plain ISO `YYYY-MM-DD` (UTC midnight); V8 reads
 * `0001-01-01Z`, not being ISO, as the year 2001.
 */
function readMysqlDate(value: unknown): Date {
  const text = String(value);
  if (text.length === 10) return new Date(text);
  return new Date(text.replace(' ', 'T') + (/[zZ+]/.test(text) ? '' : 'Z'));
}

const MYSQL_READ_RULES: ReadRules = {
  boolean: (value) => Number(value) === 1,
  date: readMysqlDate,
  json: (value) => (Buffer.isBuffer(value) ? value.toString('utf8') : value),
};

/**
 * MySQL and MariaDB through mysql2: tinyint(1) booleans, datetime(3) in UTC, json as text.
 * `INSERT … RETURNING` is MariaDB's (10.5+); MySQL proper has no RETURNING.
 */
export class MysqlDialect extends MysqlQueryDialect implements Dialect {
  readonly maxParameters = 65535;
  readonly errorAbortsTransaction = false;
  readonly updateReturning = false;
  readonly insertIdIsKey = false;
  /**
   * InnoDB, the default engine, gives the rows of one multi-row INSERT consecutive keys,
   * `auto_increment_increment` apart, unless its lock mode is "interleaved" (2, e.g. under
   * Galera). That lock mode, a session step unlike the server's, or no answer keeps RETURNING.
   */
  readonly consecutiveInsertIds = {
    sql:
      'SELECT @@GLOBAL.innodb_autoinc_lock_mode AS lock_mode,' +
      ' @@GLOBAL.auto_increment_increment AS server_step,' +
      ' @@SESSION.auto_increment_increment AS session_step',
    stepOf(row: Record<string, unknown> | undefined): number | undefined {
      const number = (value: unknown) =>
        value === null || value === undefined ? NaN : Number(value);
      const lockMode = number(row?.lock_mode);
      const step = number(row?.session_step);
      const consecutive = lockMode === 0 || lockMode === 1;
      return consecutive &&
        Number.isSafeInteger(step) &&
        step >= 1 &&
        step === number(row?.server_step)
        ? step
        : undefined;
    },
  };

  indexColumnsSql(table: string, index: string): { sql: string; params: unknown[] } {
    return {
      sql:
        'SELECT column_name AS column_name FROM information_schema.statistics' +
        ' WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? ORDER BY seq_in_index',
      params: [table, index],
    };
  }

  insertSql(table: string, columns: string[], rows: number, returning?: string[]): string {
    return insertSql(this, table, columns, rows, returning);
  }

  /** `conflict` is implied: MySQL resolves the conflict on whichever unique index collides. */
  upsertSql(...args: UpsertSqlArgs): string {
    return upsertSql(
      this,
      {
        conflictClause: () => 'ON DUPLICATE KEY UPDATE',
        newValue: (column) => `VALUES(${column})`,
      },
      ...args,
    );
  }

  fromDriver(field: FieldMetadata, value: unknown): unknown {
    return fromDriverValue(field, value, MYSQL_READ_RULES);
  }

  classifyError(error: unknown): IntegrityViolation | undefined {
    return classifyMysqlError(error);
  }

  classifyFailure(error: unknown): DriverFailure | undefined {
    return classifyMysqlFailure(error);
  }

  normalizeError(
    error: unknown,
    context: ErrorNormalizationContext,
  ): Promise<RegistryError | undefined> {
    return normalizeClassifiedError(this, error, context);
  }
}
