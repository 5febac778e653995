/**
 * The key each record had when it was read or written, so a changed key is detected on
 * save(). Kept outside the record so JSON.stringify and spreading see only the fields.
 */
const persistedKeys = new WeakMap<object, unknown>();

export function markPersisted(record: object, key: unknown): void {
  persistedKeys.set(record, key);
}

export function persistedKeyOf(record: object): unknown {
  return persistedKeys.get(record);
}

export function isPersisted(record: object): boolean {
  return persistedKeys.has(record);
}

export function forgetPersisted(record: object): void {
  persistedKeys.delete(record);
}
