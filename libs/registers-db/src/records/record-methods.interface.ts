/** Methods every record returned by a manager carries (non-enumerable, on its prototype). */
export interface RecordMethods<T> {
  /** Writes the record's fields (insert when it was never stored). */
  save(): Promise<T & RecordMethods<T>>;
  /** Deletes the record's row; `true` when a row was deleted. */
  delete(): Promise<boolean>;
  /** Reloads the fields from the database in place and returns the record. */
  refresh(): Promise<T & RecordMethods<T>>;
  /** Validates and writes `changes`, then applies them to the record. */
  update(changes: Partial<T>): Promise<T & RecordMethods<T>>;
}

/** What a record's methods delegate to (the model's manager). */
export interface RecordOwner<T> {
  save(record: T): Promise<T>;
  deleteRecord(record: T): Promise<boolean>;
  refresh(record: T): Promise<T>;
  updateRecord(record: T, changes: Partial<T>): Promise<T>;
}

export type ManagedRecord<T> = T & RecordMethods<T>;
