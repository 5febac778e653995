import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { QueryDialect } from '../query-dialect.interface';
import { checkedCount, toDate } from '../../query/driver-values';

/**
 * SQLite's LIKE folds ASCII case, so case-sensitive matches use GLOB instead. The bound
 * LIKE pattern is rewritten into a GLOB pattern in SQL (literal `[`, `*`, `?` become
 * one-character classes, then `%` → `*` and `_` → `?`), so the value stays a parameter.
 */
const GLOB_LITERALS = (param: string): string =>
  `replace(replace(replace(${param}, '[', '[[]'), '*', '[*]'), '?', '[?]')`;

/** A pattern without an escape character: `%` and `_` are the only wildcards. */
const likeToGlob = (param: string): string =>
  `replace(replace(${GLOB_LITERALS(param)}, '%', '*'), '_', '?')`;

/**
 * A pattern where `!` escapes `%`, `_` and `!` (and nothing else). `!!` becomes the class
 * `[!]` (SQLite negates classes with `^`, not `!`), wildcards are converted, and a
 * remaining `!` before a converted wildcard turns it back into the literal character.
 */
const escapedLikeToGlob = (param: string): string =>
  `replace(replace(replace(replace(replace(${GLOB_LITERALS(param)}, '!!', '[!]'), '%', '*'), '_', '?'), '!*', '%'), '!?', '_')`;

export class SqliteQueryDialect implements QueryDialect {
  readonly name = 'sqlite' as const;

  quoteIdentifier(identifier: string): string {
    return identifier.includes('"') ? `"${identifier.replace(/"/g, '""')}"` : `"${identifier}"`;
  }

  placeholder(_position: number): string {
    return '?';
  }

  /** ilike folds ASCII letters only: SQLite has no unicode case folding without ICU. */
  like(
    column: string,
    param: string,
    options: { caseInsensitive: boolean; escape: boolean },
  ): string {
    if (options.caseInsensitive) {
      return options.escape ? `${column} LIKE ${param} ESCAPE '!'` : `${column} LIKE ${param}`;
    }
    return `${column} GLOB ${options.escape ? escapedLikeToGlob(param) : likeToGlob(param)}`;
  }

  limitOffset(limit?: number, offset?: number): string {
    if (limit === undefined && offset === undefined) return '';
    const lim = limit === undefined ? -1 : checkedCount(limit);
    return offset === undefined ? ` LIMIT ${lim}` : ` LIMIT ${lim} OFFSET ${checkedCount(offset)}`;
  }

  toDriver(field: FieldMetadata, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    switch (field.type) {
      case 'boolean':
        return value ? 1 : 0;
      case 'date':
        // Day only, as PostgreSQL and MariaDB store it, so `field: 'YYYY-MM-DD'` matches.
        return toDate(value).toISOString().slice(0, 10);
      case 'datetime':
        return toDate(value).toISOString();
      case 'json':
        return JSON.stringify(value);
      case 'uuid':
        return typeof value === 'string' ? value.toLowerCase() : value;
      case 'decimal':
        return typeof value === 'string' ? Number(value) : value;
      default:
        return value;
    }
  }
}
