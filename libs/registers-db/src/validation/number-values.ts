import type { FieldMetadata } from '../interfaces/model-metadata.interface';

/**
 * The numeric ranges every dialect stores exactly. `integer` is a 32-bit column on
 * PostgreSQL and MariaDB, so SQLite (whose integers are 64-bit) is held to the same range;
 * `bigint` is 64-bit everywhere; a decimal keeps at most `precision - scale` integer digits
 * and `scale` fraction digits.
 */
export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

const SAFE_RANGE: readonly [bigint, bigint] = [
  BigInt(Number.MIN_SAFE_INTEGER),
  BigInt(Number.MAX_SAFE_INTEGER),
];
const INT64_RANGE: readonly [bigint, bigint] = [INT64_MIN, INT64_MAX];

/** What a bigint field may hold: a number-typed property reads back as an exact number. */
export function bigintRange(field: Pick<FieldMetadata, 'bigintMode'>): readonly [bigint, bigint] {
  return field.bigintMode === 'number' ? SAFE_RANGE : INT64_RANGE;
}

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^-?(\d+)(?:\.(\d+))?$/;
const EXPONENT_TEXT = /^-?(\d+)(?:\.(\d+))?e([+-]\d+)$/;

export function isInt32(value: unknown): value is number {
  return typeof value === 'number' && (value | 0) === value;
}

/** A bigint column value (number, bigint or string of digits) as a bigint, if it is one. */
export function toInt64(value: unknown): bigint | undefined {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  else if (typeof value === 'string' && INTEGER_TEXT.test(value) && value.length < 40)
    big = BigInt(value);
  else return undefined;
  return big >= INT64_MIN && big <= INT64_MAX ? big : undefined;
}

/** Digits before and after the point of a decimal, leading and trailing zeros left out. */
export interface DecimalDigits {
  integer: number;
  fraction: number;
  significant: number;
}

function digitsOf(intPart: string, fracPart: string, exponent: number): DecimalDigits {
  const all = (intPart + fracPart).replace(/^0+/, '');
  const trimmed = all.replace(/0+$/, '');
  if (trimmed === '') return { integer: 0, fraction: 0, significant: 0 };
  // Position of the point, counted from the start of `all`.
  const point = intPart.length - (intPart + fracPart).length + all.length + exponent;
  return {
    integer: Math.max(0, point),
    fraction: Math.max(0, trimmed.length - point),
    significant: trimmed.length,
  };
}

/**
 * The digits of a decimal given as a finite number (by its shortest round-trip text, which
 * is what every driver binds) or as decimal text; undefined when it is neither.
 */
export function decimalDigits(value: unknown): DecimalDigits | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const text = String(value);
    const exp = EXPONENT_TEXT.exec(text);
    if (exp) return digitsOf(exp[1], exp[2] ?? '', Number(exp[3]));
    const plain = DECIMAL_TEXT.exec(text)!;
    return digitsOf(plain[1], plain[2] ?? '', 0);
  }
  if (typeof value !== 'string' || value.length > 1000) return undefined;
  const plain = DECIMAL_TEXT.exec(value);
  return plain ? digitsOf(plain[1], plain[2] ?? '', 0) : undefined;
}

/** Decimal text reads back as a number, so it may have only as many digits as a double holds. */
export const DECIMAL_TEXT_MAX_SIGNIFICANT = 15;
