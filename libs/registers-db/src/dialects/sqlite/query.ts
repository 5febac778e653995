import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { LikeOptions, QueryDialect } from '../../query/query-dialect.interface';
import { limitThenOffset } from '../base/sql-builders';
import { doubleQuoted } from '../base/quote-identifier';
import { BindRules, toDriverValue } from '../base/value-conversion';

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

/** Booleans 0/1; decimals stored as REAL, so numeric text binds as a number. */
const SQLITE_BIND_RULES: BindRules = {
  boolean: (value) => (value ? 1 : 0),
  types: { decimal: (value) => (typeof value === 'string' ? Number(value) : value) },
};

export class SqliteQueryDialect implements QueryDialect {
  readonly name = 'sqlite' as const;

  quoteIdentifier(identifier: string): string {
    return doubleQuoted(identifier);
  }

  placeholder(_position: number): string {
    return '?';
  }

  /** ilike folds ASCII letters only: SQLite has no unicode case folding without ICU. */
  like(column: string, param: string, options: LikeOptions): string {
    if (options.caseInsensitive) {
      return options.escape ? `${column} LIKE ${param} ESCAPE '!'` : `${column} LIKE ${param}`;
    }
    return `${column} GLOB ${options.escape ? escapedLikeToGlob(param) : likeToGlob(param)}`;
  }

  limitOffset(limit?: number, offset?: number): string {
    return limitThenOffset(limit, offset, '-1');
  }

  toDriver(field: FieldMetadata, value: unknown): unknown {
    return toDriverValue(field, value, SQLITE_BIND_RULES);
  }
}
