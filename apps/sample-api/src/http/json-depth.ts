/** Objects and arrays may nest this deep in a request body; deeper bodies are 400. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Whether the JSON text in `bytes` (UTF-8) opens more than `max` objects or arrays inside one
 * another. One pass over the bytes, before `JSON.parse` runs, so a deeply nested body never
 * reaches the recursive code behind the parser (class-transformer, the validation pipe).
 * Brackets inside strings do not count; in UTF-8 the bytes of `"`, `\`, `[` and `{` never occur
 * inside a multi-byte character, so scanning bytes is exact. Malformed text is left to the
 * parser, which refuses it.
 */
export function jsonNestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
