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
import { insertSql, onConflictUpsertSql } from '../sql-builders';
import { SqliteQueryDialect } from './sqlite-query.dialect';

/** "UNIQUE constraint failed: users.org, users.slug" → ['org', 'slug'] */
function columnsFromMessage(message: string): string[] {
  const at = message.indexOf(': ');
  if (at < 0) return [];
  return message
    .slice(at + 2)
    .split(',')
    .map((part) => part.trim().split('.').pop()!)
    .filter(Boolean);
}

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

  insertSql(table: string, columns: string[], rows: number, returning?: string[]): string {
    return insertSql(this, table, columns, rows, returning);
  }

  upsertSql(...args: UpsertSqlArgs): string {
    return onConflictUpsertSql(this, 'excluded', ...args);
  }

  fromDriver(field: FieldMetadata, value: unknown): unknown {
    return fromDriverValue(field, value, SQLITE_READ_RULES);
  }

  classifyError(error: any): IntegrityViolation | undefined {
    const code: unknown = error?.code;
    if (typeof code !== 'string' || !code.startsWith('SQLITE_CONSTRAINT')) return undefined;
    const message = String(error.message ?? '');
    switch (code) {
      case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      case 'SQLITE_CONSTRAINT_UNIQUE':
        return { kind: 'unique', columns: columnsFromMessage(message) };
      case 'SQLITE_CONSTRAINT_FOREIGNKEY':
        return { kind: 'foreign-key' };
      case 'SQLITE_CONSTRAINT_NOTNULL':
        return { kind: 'not-null', columns: columnsFromMessage(message) };
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
