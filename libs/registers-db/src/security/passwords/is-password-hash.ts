import { parseArgon2idHash } from './argon2id';
import { parsePbkdf2Hash } from './pbkdf2-sha256';

/**
 * True when `value` is a complete hash in one of the supported formats (PBKDF2-SHA256 as the
 * Python original writes it, or an Argon2id PHC string). Such values are stored as they are
 * instead of being hashed again.
 */
export function isPasswordHash(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  return parsePbkdf2Hash(value) !== null || parseArgon2idHash(value) !== null;
}
