import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { RegistryError } from '../../errors';
import {
  Dialect,
  ErrorNormalizationContext,
  IntegrityViolation,
  normalizeClassifiedError,
  UpsertSqlArgs,
} from '../dialect.interface';
import { fromDriverValue, ReadRules } from '../value-conversion';
import { insertSql, upsertSql } from '../sql-builders';
import { MysqlQueryDialect } from './mysql-query.dialect';

const ER_DUP_ENTRY = 1062;
const ER_BAD_NULL = 1048;
const ER_NO_DEFAULT_FOR_FIELD = 1364;
const ER_ROW_IS_REFERENCED = 1451;
const ER_NO_REFERENCED_ROW = 1452;
const ER_ROW_IS_REFERENCED_2 = 1217;
const ER_NO_REFERENCED_ROW_2 = 1216;

function unquote(identifier: string): string {
  return identifier.trim().replace(/^`(.*)`$/, '$1');
}

const MYSQL_READ_RULES: ReadRules = {
  boolean: (value) => Number(value) === 1,
  // datetime(3) text is UTC wall-clock time without a zone.
  date: (value) =>
    new Date(String(value).replace(' ', 'T') + (/[zZ+]/.test(String(value)) ? '' : 'Z')),
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

  classifyError(error: any): IntegrityViolation | undefined {
    const message = String(error?.sqlMessage ?? error?.message ?? '');
    switch (error?.errno) {
      case ER_DUP_ENTRY: {
        // "Duplicate entry '…' for key 'users.email'" (MySQL 8 prefixes the table name).
        const key = /for key '([^']+)'\s*$/.exec(message)?.[1];
        return { kind: 'unique', constraint: key?.split('.').pop() };
      }
      case ER_NO_REFERENCED_ROW:
      case ER_ROW_IS_REFERENCED:
      case ER_NO_REFERENCED_ROW_2:
      case ER_ROW_IS_REFERENCED_2: {
        const columns = /FOREIGN KEY \(([^)]+)\)/.exec(message)?.[1].split(',').map(unquote);
        const referenced =
          error.errno === ER_ROW_IS_REFERENCED || error.errno === ER_ROW_IS_REFERENCED_2;
        return { kind: 'foreign-key', columns: referenced ? [] : columns };
      }
      case ER_BAD_NULL:
      case ER_NO_DEFAULT_FOR_FIELD: {
        const column = /(?:Column|Field) '([^']+)'/.exec(message)?.[1];
        return { kind: 'not-null', columns: column ? [column] : [] };
      }
      default:
        return undefined;
    }
  }

  normalizeError(
    error: unknown,
    context: ErrorNormalizationContext,
  ): Promise<RegistryError | undefined> {
    return normalizeClassifiedError(this, error, context);
  }
}
