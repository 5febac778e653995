const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text every database stores and gives back unchanged: no NUL character (PostgreSQL refuses
 * it, others truncate or keep it) and no unpaired UTF-16 surrogate (`\ud800`), which has no
 * UTF-8 form and comes back as U+FFFD.
 */
export function isWellFormedText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

export const WELL_FORMED_TEXT_RULE =
  'must be well-formed text (no NUL characters and no unpaired UTF-16 surrogates)';
