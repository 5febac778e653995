import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { resolveOrderBy } from './compile-order-by';
import { describe } from './filter-value';
import { invalidQuery } from './invalid-query';
import type { OrderBy } from './where.types';
import { filterMessages } from '../errors/messages';

export interface QueryOptions<T = any> {
  /** `'name'`, `'-createdAt'` (descending) or `['role', '-name']`. */
  orderBy?: OrderBy<T>;
  /** At most this many rows (a non-negative integer). */
  limit?: number;
  /** Skip this many rows (a non-negative integer). */
  offset?: number;
  /** Soft-delete models: include deleted rows. */
  includeDeleted?: boolean;
}

/** Throws InvalidQueryError for a bad limit, offset, includeDeleted or orderBy. */
export function validateQueryOptions(meta: ModelMetadata, options: QueryOptions | undefined): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw invalidQuery(meta, filterMessages.optionsNotObject(describe(options)));
  }
  for (const name of ['limit', 'offset'] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
      throw invalidQuery(
        meta,
        filterMessages.boundNotNonNegativeInteger(name, describe(value)),
        undefined,
        name,
      );
    }
  }
  if (options.includeDeleted !== undefined && typeof options.includeDeleted !== 'boolean') {
    throw invalidQuery(
      meta,
      filterMessages.includeDeletedNotBoolean(describe(options.includeDeleted)),
    );
  }
  resolveOrderBy(meta, options.orderBy);
}
