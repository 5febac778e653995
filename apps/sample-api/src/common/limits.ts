/** Keys are 32-bit integers on every dialect (PostgreSQL `integer`). */
export const MAX_ID = 2_147_483_647;

/** Prices fit `decimal(12, 2)`. */
export const MAX_PRICE = 9_999_999_999.99;

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
