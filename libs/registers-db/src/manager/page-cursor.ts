/**
 * Keyset pagination cursors: the order values of the last item of a page, as opaque
 * base64url JSON. Decoding never trusts the content: the values go through the query
 * compiler's type checks like any other filter value.
 */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** The values of a cursor, or undefined when it is not one of ours with `length` values. */
export function decodeCursor(cursor: string, length: number): unknown[] | undefined {
  if (typeof cursor !== 'string' || cursor.length > 8192 || !/^[A-Za-z0-9_-]*$/.test(cursor))
    return undefined;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(values) && values.length === length ? values : undefined;
  } catch {
    return undefined;
  }
}
