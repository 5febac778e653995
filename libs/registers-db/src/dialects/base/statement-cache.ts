import { LRUCache } from 'lru-cache';

/**
 * How many distinct SQL texts one session keeps prepared. Every distinct `IN (…)` length
 * and every `raw()` text is a new statement, so the cache is bounded: past this size the
 * least recently used statement is dropped (and prepared again if it comes back). The
 * statements an application repeats stay far below it.
 */
export const STATEMENT_CACHE_SIZE = 1000;

/** A least-recently-used cache of per-statement data, keyed by SQL text. */
export function statementCache<V extends NonNullable<unknown>>(
  max: number = STATEMENT_CACHE_SIZE,
): LRUCache<string, V> {
  return new LRUCache<string, V>({ max });
}
