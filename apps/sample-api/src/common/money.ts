import { MAX_PRICE } from './limits';

/** Money is computed in integer cents so that totals never pick up float noise. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/**
 * Whether a number is written with at most two decimals, in any notation (`19.99`, `1e2`,
 * `1e-7`): it must be the number nearest to a whole count of cents. class-validator's
 * `maxDecimalPlaces` reads `String(value)` and throws on exponent forms such as `1e-7`.
 */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && fromCents(toCents(value)) === value;
}

/** The largest amount a `decimal(12, 2)` column holds, in cents (exact: far below 2^53). */
export const MAX_AMOUNT_CENTS = BigInt(toCents(MAX_PRICE));

/** `12345` → `"123.45"`, for messages about amounts that do not fit a number exactly. */
export function formatCents(cents: bigint): string {
  return `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
}
