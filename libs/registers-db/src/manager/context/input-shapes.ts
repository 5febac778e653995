import type { Filter } from '../../query/query-node';

/** Where-like input: a plain object or a Q node (anything that is not a key value). */
export function isFilter(value: unknown): value is Filter {
  return value !== null && typeof value === 'object' && !(value instanceof Date);
}

/** An object literal (or a null-prototype object), as opposed to a class instance. */
export function isPlainData(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Key equality that accepts `1` and `1` but not `1` and `'1'`. */
export function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (a != null && b != null && String(a) === String(b) && typeof a === typeof b);
}
