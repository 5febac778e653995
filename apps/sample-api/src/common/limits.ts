/** Keys are 32-bit integers on every dialect (PostgreSQL `integer`). */
export const MAX_ID = 2_147_483_647;

/** Prices fit `decimal(12, 2)`. */
export const MAX_PRICE = 9_999_999_999.99;

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** An order has 1..MAX_ORDER_LINES lines of 1..MAX_LINE_QUANTITY units each. */
export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QUANTITY = 10_000;
