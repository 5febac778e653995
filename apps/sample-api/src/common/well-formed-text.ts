import { isStorableText } from '@registers/db';

/**
 * Text every database stores and gives back unchanged: no NUL character (PostgreSQL refuses
 * it, others truncate or keep it) and no unpaired UTF-16 surrogate (`\ud800`), which has no
 * UTF-8 form and comes back as U+FFFD. The same rule the database layer applies to writes,
 * checked here over a whole request (bodies, keys, query strings).
 */
export const isWellFormedText: (value: string) => boolean = isStorableText;

export const WELL_FORMED_TEXT_RULE =
  'must be well-formed text (no NUL characters and no unpaired UTF-16 surrogates)';
