import type { AggregateDescriptor } from '../query/aggregate';
import type { Filter } from '../query/query-node';

/** Options of reads that return several records. */
export interface FindOptions {
  /** `'name'`, `'-createdAt'` or a list of those. */
  orderBy?: string | readonly string[];
  limit?: number;
  offset?: number;
  includeDeleted?: boolean;
}

/** Guard for writes whose `where` may be empty. */
export interface FullTableOptions {
  /** Required to update or delete every row with an empty `where`. */
  allowFullTable?: boolean;
}

/** Arguments of getOrCreate / updateOrCreate. */
export interface LookupArgs<T> {
  /** The key or the fields of one unique group, with values. */
  lookup: Partial<T>;
  /** The other fields: used to create (getOrCreate) or to update and create (updateOrCreate). */
  defaults?: Partial<T>;
}

/** A key value of a model (autoincrement numbers, uuid strings, manual keys). */
export type KeyValue = string | number | bigint;

/** One aggregate, or aggregates by label. */
export type AggregateSpec<T = any> =
  AggregateDescriptor<T> | Record<string, AggregateDescriptor<T>>;

/** Arguments of paginate(). */
export interface PageRequest<T = any> {
  /** `'name'`, `'-createdAt'` or a list; the key is appended as the final tiebreak. */
  orderBy?: string | readonly string[];
  /** Items per page (default 20). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Restricts the rows paged through. */
  where?: Filter<T>;
}

/** One page of paginate(). */
export interface Page<R> {
  items: R[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
  hasNext: boolean;
}
