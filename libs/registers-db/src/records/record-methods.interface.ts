import type { PasswordVerification } from '../security/passwords';

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
  /** The records of a relation declared with defineRelations (a list, a record or null). */
  related<R = unknown>(name: string): Promise<R>;
  /** Only on models with a `hashPassword` field: checks `raw` against the stored hash. */
  verifyPassword(raw: string, field?: string): Promise<boolean>;
  /**
   * Only on models with a `hashPassword` field: checks `raw` and, when the stored hash is
   * below the current policy, stores a fresh one. Returns what verifyAndUpgradePassword returns.
   */
  verifyAndUpgradePassword(raw: string, field?: string): Promise<PasswordVerification>;
}

/** What a record's methods delegate to (the model's manager). */
export interface RecordOwner<T> {
  save(record: T): Promise<T>;
  deleteRecord(record: T): Promise<boolean>;
  refresh(record: T): Promise<T>;
  updateRecord(record: T, changes: Partial<T>): Promise<T>;
}

export type ManagedRecord<T> = T & RecordMethods<T>;
