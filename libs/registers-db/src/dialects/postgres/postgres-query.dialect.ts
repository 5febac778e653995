import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { QueryDialect } from '../query-dialect.interface';
import { checkedCount, toDate } from '../../query/driver-values';

export class PostgresQueryDialect implements QueryDialect {
  readonly name = 'postgres' as const;

  quoteIdentifier(identifier: string): string {
    return identifier.includes('"') ? `"${identifier.replace(/"/g, '""')}"` : `"${identifier}"`;
  }

  placeholder(position: number): string {
    return `$${position}`;
  }

  /**
   * `ESCAPE ''` switches off PostgreSQL's default backslash escape for as-given patterns;
   * `::text` lets native enum columns take part.
   */
  like(
    column: string,
    param: string,
    options: { caseInsensitive: boolean; escape: boolean },
  ): string {
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
    if (value === null || value === undefined) return null;
    switch (field.type) {
      case 'boolean':
        return Boolean(value);
      case 'date':
        return toDate(value).toISOString().slice(0, 10);
      case 'datetime':
        return toDate(value).toISOString();
      case 'json':
        return JSON.stringify(value);
      case 'uuid':
        return typeof value === 'string' ? value.toLowerCase() : value;
      default:
        return value;
    }
  }
}
