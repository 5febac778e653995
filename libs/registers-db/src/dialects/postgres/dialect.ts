import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { RegistryError } from '../../errors';
import {
  Dialect,
  ErrorNormalizationContext,
  IntegrityViolation,
  UpsertSqlArgs,
} from '../base/dialect.interface';
import type { DriverFailure } from '../base/driver-failure';
import { fromDriverValue, ReadRules } from '../base/value-conversion';
import { insertSql, onConflictUpsertSql } from '../base/sql-builders';
import { classifyPostgresError, classifyPostgresFailure, normalizePostgresError } from './errors';
import { PostgresQueryDialect } from './query';

const POSTGRES_READ_RULES: ReadRules = {
  boolean: (value) => value === 't' || value === 'true' || value === 1,
  // pg parses json and jsonb itself: a string here is a JSON string value, not JSON text.
  jsonParsed: true,
};

/** PostgreSQL through pg: jsonb bound as JSON text, numeric and int8 parsed to numbers. */
export class PostgresDialect extends PostgresQueryDialect implements Dialect {
  // The wire protocol counts parameters in an Int16.
  readonly maxParameters = 65535;
  readonly errorAbortsTransaction = true;
  readonly updateReturning = true;
  readonly insertIdIsKey = false;

  insertSql(table: string, columns: string[], rows: number, returning?: string[]): string {
    return insertSql(this, table, columns, rows, returning);
  }

  upsertSql(...args: UpsertSqlArgs): string {
    return onConflictUpsertSql(this, 'EXCLUDED', ...args);
  }

  fromDriver(field: FieldMetadata, value: unknown): unknown {
    return fromDriverValue(field, value, POSTGRES_READ_RULES);
  }

  /**
   * Moves the key's sequence to at least MAX(key) + 1 and never backwards: the value
   * nextval takes is handed out again when it is still the highest.
   */
  syncKeySequence(table: string, keyColumn: string): { sql: string; params: unknown[] } {
    const sequence = 'pg_get_serial_sequence($1, $2)';
    return {
      sql:
        `SELECT setval(${sequence}, GREATEST(nextval(${sequence}),` +
        ` (SELECT COALESCE(MAX(${this.quoteIdentifier(keyColumn)}), 0) + 1 FROM ${this.quoteIdentifier(table)})), false)`,
      params: [this.quoteIdentifier(table), keyColumn],
    };
  }

  classifyError(error: unknown): IntegrityViolation | undefined {
    return classifyPostgresError(error);
  }

  classifyFailure(error: unknown): DriverFailure | undefined {
    return classifyPostgresFailure(error);
  }

  normalizeError(
    error: unknown,
    context: ErrorNormalizationContext,
  ): Promise<RegistryError | undefined> {
    return normalizePostgresError(error, context);
  }
}
