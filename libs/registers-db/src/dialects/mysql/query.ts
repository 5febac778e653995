import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { LikeOptions, QueryDialect } from '../../query/query-dialect.interface';
import { limitThenOffset } from '../base/sql-builders';
import { backtickQuoted } from '../base/quote-identifier';
import { BindRules, toDriverValue } from '../base/value-conversion';
import type { ComparisonOperator, TextComparisonDialect } from '../../query/text-comparison';

/** Largest LIMIT MySQL/MariaDB accept; used for an OFFSET without a LIMIT. */
const NO_LIMIT = '18446744073709551615';

const MYSQL_BIND_RULES: BindRules = {
  boolean: (value) => (value ? 1 : 0),
  // datetime(3) holds UTC wall-clock time (the connection uses timezone 'Z').
  datetime: (date) => date.toISOString().slice(0, 23).replace('T', ' '),
};

/**
 * MySQL/MariaDB. Text columns use `utf8mb4_unicode_ci`, which ignores case, accents and
 * trailing spaces, so text comparisons and ordering go through `CAST(… AS BINARY)` (code
 * point order, like SQLite and PostgreSQL with a C collation); equality keeps a plain `=`
 * first so an index on the column still narrows the rows. Case-sensitive LIKE forces
 * `utf8mb4_bin`; ilike compares LOWER() of both sides under `utf8mb4_bin`
 * (case-insensitive, accent-sensitive, like PostgreSQL's ILIKE).
 */
export class MysqlQueryDialect implements QueryDialect, TextComparisonDialect {
  readonly name = 'mysql' as const;

  quoteIdentifier(identifier: string): string {
    return backtickQuoted(identifier);
  }

  placeholder(_position: number): string {
    return '?';
  }

  /**
   * MariaDB ignores `ESCAPE ''` (backslash stays the escape), so as-given patterns declare
   * NUL as the escape character; the query compiler rejects NUL in patterns.
   */
  like(column: string, param: string, options: LikeOptions): string {
    const escape = options.escape ? `'!'` : 'CHAR(0)';
    return options.caseInsensitive
      ? `LOWER(${column}) COLLATE utf8mb4_bin LIKE LOWER(${param}) ESCAPE ${escape}`
      : `${column} COLLATE utf8mb4_bin LIKE ${param} ESCAPE ${escape}`;
  }

  /** Placeholders are taken in the order they appear in the SQL (`?` is positional). */
  compareText(column: string, operator: ComparisonOperator, bind: () => string): string {
    const indexed = operator === '=' ? `${column} = ${bind()} AND ` : '';
    return `${indexed}CAST(${column} AS BINARY) ${operator} CAST(${bind()} AS BINARY)`;
  }

  textInList(column: string, negated: boolean, bindAll: () => string[]): string {
    const exact = (placeholders: string[]) =>
      `CAST(${column} AS BINARY) ${negated ? 'NOT IN' : 'IN'} (${placeholders.map((p) => `CAST(${p} AS BINARY)`).join(', ')})`;
    return negated
      ? exact(bindAll())
      : `${column} IN (${bindAll().join(', ')}) AND ${exact(bindAll())}`;
  }

  orderText(column: string): string {
    return `CAST(${column} AS BINARY)`;
  }

  limitOffset(limit?: number, offset?: number): string {
    return limitThenOffset(limit, offset, NO_LIMIT);
  }

  toDriver(field: FieldMetadata, value: unknown): unknown {
    return toDriverValue(field, value, MYSQL_BIND_RULES);
  }
}
