/**
 * Text every database stores exactly. NUL ends a string in PostgreSQL (it refuses it) and in
 * C APIs; a lone surrogate half is not Unicode, so each driver encodes it to UTF-8 its own way
 * (one U+FFFD, three, or an error). Both are refused at the boundary instead.
 */
export type TextDefect = 'nul' | 'lone-surrogate';

// String.prototype.isWellFormed ships with Node 20 (V8 11.3) but not with the ES2022 lib.
const isWellFormed = (String.prototype as unknown as { isWellFormed(this: string): boolean })
  .isWellFormed;

export function textDefect(value: string): TextDefect | undefined {
  if (value.indexOf('\u0000') !== -1) return 'nul';
  if (!isWellFormed.call(value)) return 'lone-surrogate';
  return undefined;
}

/** Whether `value` can be stored as it is (the accept-only form of textDefect). */
export function isStorableText(value: string): boolean {
  return value.indexOf('\u0000') === -1 && isWellFormed.call(value);
}

/** The first defect of any string (key or value) inside a JSON value. */
export function jsonTextDefect(value: unknown, depth = 0): TextDefect | undefined {
  if (typeof value === 'string') return textDefect(value);
  if (value === null || typeof value !== 'object' || depth > 256) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const defect = jsonTextDefect(item, depth + 1);
      if (defect) return defect;
    }
    return undefined;
  }
  if (value instanceof Date) return undefined;
  for (const key of Object.keys(value)) {
    const defect =
      textDefect(key) ?? jsonTextDefect((value as Record<string, unknown>)[key], depth + 1);
    if (defect) return defect;
  }
  return undefined;
}

/** UTF-8 size of a string, computed only when it could exceed `limit` bytes. */
export function exceedsUtf8Bytes(value: string, limit: number): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes (a surrogate pair, 2 units, is 4).
  if (value.length * 3 <= limit) return false;
  return Buffer.byteLength(value, 'utf8') > limit;
}
