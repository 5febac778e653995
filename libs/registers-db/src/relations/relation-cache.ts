/**
 * Prefetched relations, kept beside the records (not on them) so that JSON.stringify and
 * spreading still see only the fields.
 */
const cache = new WeakMap<object, Map<string, unknown>>();

export function cacheRelated(record: object, name: string, value: unknown): void {
  let byName = cache.get(record);
  if (!byName) cache.set(record, (byName = new Map()));
  byName.set(name, value);
}

export function hasCachedRelated(record: object, name: string): boolean {
  return cache.get(record)?.has(name) ?? false;
}

/** A cached value; lists are copied so the caller may change them freely. */
export function cachedRelated(record: object, name: string): unknown {
  const value = cache.get(record)?.get(name);
  return Array.isArray(value) ? value.slice() : value;
}

/** Forgets prefetched values of a record (one relation, or all), so the next load queries again. */
export function clearRelated(record: object, name?: string): void {
  if (name === undefined) cache.delete(record);
  else cache.get(record)?.delete(name);
}
