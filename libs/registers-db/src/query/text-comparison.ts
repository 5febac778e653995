import type { QueryDialect } from './query-dialect.interface';
import type { FieldMetadata } from '../interfaces/model-metadata.interface';

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * Optional dialect capability for engines whose default text collation is not exact
 * (MySQL/MariaDB `utf8mb4_unicode_ci` ignores case, accents and trailing spaces). With it,
 * text compares and sorts by code point on every dialect. `bind()` binds the value once
 * more and returns the new placeholder, so a dialect may use a value twice (e.g. an
 * index-friendly collation test plus an exact one).
 */
export interface TextComparisonDialect {
  compareText(column: string, operator: ComparisonOperator, bind: () => string): string;
  textInList(column: string, negated: boolean, bindAll: () => string[]): string;
  /** The ORDER BY expression of a text column. */
  orderText(column: string): string;
}

export function hasTextComparison(
  dialect: QueryDialect,
): dialect is QueryDialect & TextComparisonDialect {
  return typeof (dialect as Partial<TextComparisonDialect>).compareText === 'function';
}

/** Fields whose values are stored as text and compared by the text rules. */
export function isTextField(field: FieldMetadata): boolean {
  if (field.type === 'string' || field.type === 'text') return true;
  return field.type === 'enum' && (field.enumValues ?? []).every((v) => typeof v === 'string');
}
