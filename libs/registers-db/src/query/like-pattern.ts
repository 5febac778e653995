/** The escape character the compiler uses for literal text inside LIKE patterns. */
export const LIKE_ESCAPE = '!';

/** `value` as literal LIKE text: `!`, `%` and `_` are prefixed with `!`. */
export function escapeLikeLiteral(value: string): string {
  return value.replace(/[!%_]/g, (c) => LIKE_ESCAPE + c);
}
