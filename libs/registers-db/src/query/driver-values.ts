/** Small value helpers shared by the query dialects. */

/** A LIMIT/OFFSET count inlined into SQL: only non-negative safe integers pass. */
export function checkedCount(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`limit/offset must be a non-negative integer, got ${String(n)}`);
  }
  return n;
}

/** A Date from a Date, an ISO-8601 string or epoch milliseconds. */
export function toDate(value: unknown): Date {
  const date = value instanceof Date ? value : new Date(value as string | number);
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date value');
  return date;
}
