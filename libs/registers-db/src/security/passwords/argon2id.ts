import type * as NodeRsArgon2 from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '../../errors';
import { securityMessages } from '../../errors/messages';
import { Argon2Parameters, PASSWORD_HASH_LIMITS } from './password-hash-policy';

/**
 * `$argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt b64>$<hash b64>` (PHC string, unpadded
 * base64), as argon2-cffi and the reference implementation write it. A missing `v=` means
 * version 0x10 in the PHC rules.
 */
const ARGON2ID_HASH_PATTERN =
  /^\$argon2id\$(?:v=(16|19)\$)?m=([1-9][0-9]{0,9}),t=([1-9][0-9]{0,9}),p=([1-9][0-9]{0,2})\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{6,})$/;

// @node-rs/argon2's Algorithm is a const enum, which per-file compilers cannot inline.
const ALGORITHM_ARGON2ID = 2;
const SALT_BYTES = 16;
const HASH_BYTES = 32;

export const ARGON2_CURRENT_VERSION = 19;

export interface ParsedArgon2idHash extends Argon2Parameters {
  version: number;
}

export function parseArgon2idHash(value: string): ParsedArgon2idHash | null {
  const match = ARGON2ID_HASH_PATTERN.exec(value);
  if (!match) return null;
  const parsed = {
    version: match[1] ? Number(match[1]) : 16,
    memoryCost: Number(match[2]),
    timeCost: Number(match[3]),
    parallelism: Number(match[4]),
  };
  const limits = PASSWORD_HASH_LIMITS;
  const withinLimits =
    parsed.memoryCost <= limits.argon2MemoryCostKiB &&
    parsed.memoryCost >= 8 * parsed.parallelism &&
    parsed.timeCost <= limits.argon2TimeCost &&
    parsed.parallelism <= limits.argon2Parallelism;
  return withinLimits ? parsed : null;
}

let binding: typeof NodeRsArgon2 | undefined;

// Loaded on first use, so applications that keep PBKDF2 never load the native module.
function argon2(): typeof NodeRsArgon2 {
  if (!binding) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      binding = require('@node-rs/argon2') as typeof NodeRsArgon2;
    } catch (cause) {
      throw new ConfigurationError(
        securityMessages.argon2Unavailable(),
        { operation: 'hashPassword' },
        { cause },
      );
    }
  }
  return binding;
}

// @node-rs/argon2 runs hash and verify as async tasks on the libuv thread pool.
export function hashArgon2id(raw: string, params: Argon2Parameters): Promise<string> {
  return argon2().hash(raw, {
    algorithm: ALGORITHM_ARGON2ID,
    timeCost: params.timeCost,
    memoryCost: params.memoryCost,
    parallelism: params.parallelism,
    outputLen: HASH_BYTES,
    salt: randomBytes(SALT_BYTES),
  });
}

/** The binding compares the digests in constant time. */
export async function verifyArgon2id(raw: string, hash: string): Promise<boolean> {
  try {
    return await argon2().verify(hash, raw);
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    return false; // a PHC string the binding cannot decode is simply not a match
  }
}
