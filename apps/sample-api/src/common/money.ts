/** Money is computed in integer cents so that totals never pick up float noise. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** A stored amount as a JSON number with at most two decimals. */
export function money(amount: number): number {
  return fromCents(toCents(Number(amount)));
}
