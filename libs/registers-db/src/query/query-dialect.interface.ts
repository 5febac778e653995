import type { FieldMetadata } from '../interfaces/model-metadata.interface';

export type DialectName = 'sqlite' | 'postgres' | 'mysql';

/** How a LIKE test matches; see `QueryDialect.like`. */
export interface LikeOptions {
  caseInsensitive: boolean;
  escape: boolean;
}

/**
 * What the query compiler needs from a dialect. The full dialect adapter
 * (DDL, upserts, error normalization) extends this; every SQL difference between
 * SQLite, PostgreSQL and MariaDB/MySQL lives in the adapters, not in callers.
 */
export interface QueryDialect {
  readonly name: DialectName;
  quoteIdentifier(identifier: string): string;
  /** The placeholder for the 1-based parameter `position` (`?` or `$n`). */
  placeholder(position: number): string;
  /**
   * A LIKE test of `column` against the placeholder `param`, with case rules identical on
   * every dialect. `escape: true` declares that `!` escapes `%`, `_` and `!` in the pattern.
   */
  like(column: string, param: string, options: LikeOptions): string;
  /** LIMIT/OFFSET clause (with a leading space), or '' when both are undefined. */
  limitOffset(limit?: number, offset?: number): string;
  /** Converts a JS value of a field into what the driver binds (booleans, dates, json). */
  toDriver(field: FieldMetadata, value: unknown): unknown;
}
