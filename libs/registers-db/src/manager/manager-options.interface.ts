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
