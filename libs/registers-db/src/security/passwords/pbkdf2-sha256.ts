import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { PASSWORD_HASH_LIMITS, PBKDF2_SHA256_SCHEME } from './password-hash-policy';

// crypto.pbkdf2 runs on the libuv thread pool, so the event loop keeps turning while it works.
const pbkdf2Async = promisify(pbkdf2);

const SALT_BYTES = 16;
const DIGEST_BYTES = 32;

/**
 * `pbkdf2_sha256$<iterations>$<salt hex>$<digest hex>`, byte for byte what the Python original
 * writes (16-byte salt, 32-byte SHA-256 digest, lowercase hex). The salt bytes (not its hex
 * text) are the PBKDF2 salt.
 */
const PBKDF2_HASH_PATTERN =
  /^pbkdf2_sha256\$([1-9][0-9]{0,9})\$((?:[0-9a-f]{2})+)\$([0-9a-f]{64})$/;

export interface ParsedPbkdf2Hash {
  iterations: number;
  salt: Buffer;
  digest: Buffer;
}

export function parsePbkdf2Hash(value: string): ParsedPbkdf2Hash | null {
  const match = PBKDF2_HASH_PATTERN.exec(value);
  if (!match) return null;
  const iterations = Number(match[1]);
  if (iterations > PASSWORD_HASH_LIMITS.pbkdf2Iterations) return null;
  return { iterations, salt: Buffer.from(match[2], 'hex'), digest: Buffer.from(match[3], 'hex') };
}

function derive(raw: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return pbkdf2Async(Buffer.from(raw, 'utf8'), salt, iterations, DIGEST_BYTES, 'sha256');
}

export async function hashPbkdf2Sha256(raw: string, iterations: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const digest = await derive(raw, salt, iterations);
  return `${PBKDF2_SHA256_SCHEME}$${iterations}$${salt.toString('hex')}$${digest.toString('hex')}`;
}

export async function verifyPbkdf2Sha256(raw: string, parsed: ParsedPbkdf2Hash): Promise<boolean> {
  const candidate = await derive(raw, parsed.salt, parsed.iterations);
  return timingSafeEqual(candidate, parsed.digest);
}
