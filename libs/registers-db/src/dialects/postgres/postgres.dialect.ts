import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { RegistryError } from '../../errors';
import {
  Dialect,
  ErrorNormalizationContext,
  IntegrityViolation,
  integrityError,
  UpsertSqlArgs,
} from '../dialect.interface';
import { fromDriverValue, ReadRules } from '../value-conversion';
import { insertSql, onConflictUpsertSql } from '../sql-builders';
import { PostgresQueryDialect } from './postgres-query.dialect';

/** `Key (org, slug)=(…) already exists.` → ['org', 'slug']; the values are dropped. */
function columnsFromDetail(detail: unknown): string[] {
  const match = /^Key \((.+?)\)=/.exec(String(detail ?? ''));
  if (!match) return [];
  return match[1].split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

const POSTGRES_READ_RULES: ReadRules = {
  boolean: (value) => value === 't' || value === 'true' || value === 1,
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

  classifyError(error: any): IntegrityViolation | undefined {
    const constraint: string | undefined = error?.constraint || undefined;
    switch (error?.code) {
      case '23505':
        return { kind: 'unique', columns: columnsFromDetail(error.detail), constraint };
      case '23503':
        return { kind: 'foreign-key', columns: columnsFromDetail(error.detail), constraint };
      case '23502':
        return { kind: 'not-null', columns: error.column ? [error.column] : [] };
      default:
        return undefined;
    }
  }

  async normalizeError(
    error: unknown,
    context: ErrorNormalizationContext,
  ): Promise<RegistryError | undefined> {
    const violation = this.classifyError(error);
    if (!violation) return undefined;
    // A parent delete names the parent's key; the child's fields are not on this model.
    if (
      violation.kind === 'foreign-key' &&
      /still referenced/.test(String((error as any).detail ?? ''))
    ) {
      violation.columns = [];
    }
    return integrityError(violation, context);
  }
}
