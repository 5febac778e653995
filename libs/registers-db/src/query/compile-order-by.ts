import type { QueryDialect } from './query-dialect.interface';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { describe } from './filter-value';
import { invalidQuery } from './invalid-query';
import { FORBIDDEN_KEYS } from './operators';
import { hasTextComparison, isTextField } from './text-comparison';
import { filterMessages } from '../errors/messages';

export interface OrderTerm {
  field: FieldMetadata;
  descending: boolean;
}

/** `'name' | '-createdAt' | ['role', '-name']` → validated terms. Throws InvalidQueryError. */
export function resolveOrderBy(meta: ModelMetadata, orderBy: unknown): OrderTerm[] {
  if (orderBy === undefined) return [];
  const items: unknown[] = Array.isArray(orderBy) ? orderBy : [orderBy];
  return items.map((item) => {
    if (typeof item !== 'string') {
      throw invalidQuery(
        meta,
        filterMessages.orderByExpectsNames(describe(item)),
        undefined,
        'orderBy',
      );
    }
    const descending = item.startsWith('-');
    const property = descending ? item.slice(1) : item;
    const field = FORBIDDEN_KEYS.has(property) ? undefined : meta.fieldsByProperty.get(property);
    if (!field)
      throw invalidQuery(meta, filterMessages.unknownOrderByField(property), property, 'orderBy');
    if (field.encrypted || field.hashPassword) {
      throw invalidQuery(meta, filterMessages.protectedNotOrdered(property), property, 'orderBy');
    }
    if (field.type === 'json') {
      throw invalidQuery(meta, filterMessages.jsonNotOrdered(property), property, 'orderBy');
    }
    return { field, descending };
  });
}

/**
 * ' ORDER BY …' or ''. NULLs sort first ascending and last descending on every dialect
 * (PostgreSQL's default is the opposite), so nullable columns get an explicit null key.
 * Text sorts by code point where the dialect provides it (see TextComparisonDialect).
 */
export function compileOrderBy(
  meta: ModelMetadata,
  orderBy: unknown,
  dialect: QueryDialect,
): string {
  const terms = resolveOrderBy(meta, orderBy);
  if (terms.length === 0) return '';
  const sql = terms.map(({ field, descending }) => {
    const column = dialect.quoteIdentifier(field.column);
    const key =
      hasTextComparison(dialect) && isTextField(field) ? dialect.orderText(column) : column;
    const direction = descending ? 'DESC' : 'ASC';
    if (!field.nullable) return `${key} ${direction}`;
    return `(${column} IS NULL) ${descending ? 'ASC' : 'DESC'}, ${key} ${direction}`;
  });
  return ` ORDER BY ${sql.join(', ')}`;
}
