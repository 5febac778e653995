import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { LikeOptions, QueryDialect } from '../../query/query-dialect.interface';
import { checkedCount } from '../../query/driver-values';
import { doubleQuoted } from '../base/quote-identifier';
import { BindRules, toDriverValue } from '../base/value-conversion';

const POSTGRES_BIND_RULES: BindRules = { boolean: (value) => Boolean(value) };

export class PostgresQueryDialect implements QueryDialect {
  readonly name = 'postgres' as const;

  quoteIdentifier(identifier: string): string {
    return doubleQuoted(identifier);
  }

  placeholder(position: number): string {
    return `$${position}`;
  }

  /**
   * `ESCAPE ''` switches off PostgreSQL's default backslash escape for as-given patterns;
   * `::text` lets native enum columns take part.
   */
  like(column: string, param: string, options: LikeOptions): string {
    const op = options.caseInsensitive ? 'ILIKE' : 'LIKE';
    return `${column}::text ${op} ${param} ESCAPE '${options.escape ? '!' : ''}'`;
  }

  limitOffset(limit?: number, offset?: number): string {
    let sql = '';
    if (limit !== undefined) sql += ` LIMIT ${checkedCount(limit)}`;
    if (offset !== undefined) sql += ` OFFSET ${checkedCount(offset)}`;
    return sql;
  }

  toDriver(field: FieldMetadata, value: unknown): unknown {
    return toDriverValue(field, value, POSTGRES_BIND_RULES);
  }
}
