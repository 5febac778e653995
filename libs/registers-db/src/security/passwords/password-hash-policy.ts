import { ConfigurationError } from '../../errors';
import { securityMessages } from '../../errors/messages';

export type PasswordHashScheme = 'pbkdf2_sha256' | 'argon2id';

export interface Argon2Parameters {
  /** Passes over memory (`t=` in the PHC string). */
  timeCost: number;
  /** Memory in KiB (`m=` in the PHC string). */
  memoryCost: number;
  /** Lanes (`p=` in the PHC string). */
  parallelism: number;
}

/** How new password hashes are made, and the bar stored hashes are upgraded to. */
export interface PasswordHashPolicy {
  scheme: PasswordHashScheme;
  /** PBKDF2-SHA256 iterations. */
  iterations: number;
  argon2: Argon2Parameters;
}

/** A policy given by the caller: anything left out takes the default. */
export interface PasswordHashPolicyInput {
  scheme?: PasswordHashScheme;
  iterations?: number;
  argon2?: Partial<Argon2Parameters>;
}

export const PBKDF2_SHA256_SCHEME = 'pbkdf2_sha256';
export const ARGON2ID_SCHEME = 'argon2id';

/**
 * Upper bounds for policies and for stored hashes. A stored hash beyond them is not treated as a
 * hash (so it is never verified): one crafted value must not tie up a thread-pool thread for
 * minutes or ask Argon2 for terabytes. They sit far above today's recommendations (OWASP:
 * 600,000 PBKDF2 iterations; RFC 9106: Argon2id up to 2 GiB).
 */
export const PASSWORD_HASH_LIMITS = Object.freeze({
  pbkdf2Iterations: 100_000_000,
  argon2TimeCost: 100,
  argon2MemoryCostKiB: 2 ** 21,
  argon2Parallelism: 255,
});

/** Same defaults as the Python original: PBKDF2-SHA256 × 600,000; Argon2id t=2, m=19 MiB, p=1. */
export const DEFAULT_PASSWORD_HASH_POLICY: Readonly<PasswordHashPolicy> = Object.freeze({
  scheme: PBKDF2_SHA256_SCHEME,
  iterations: 600_000,
  argon2: Object.freeze({ timeCost: 2, memoryCost: 19 * 1024, parallelism: 1 }),
});

function requireInteger(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ConfigurationError(securityMessages.policyValueOutOfRange(name, min, max), {
      operation: 'configurePasswordPolicy',
      field: name,
    });
  }
  return value;
}

/** Fills a policy from the defaults, checks every number, and returns a frozen copy. */
export function resolvePasswordHashPolicy(
  input: PasswordHashPolicyInput = {},
): Readonly<PasswordHashPolicy> {
  if (input === null || typeof input !== 'object') {
    throw new ConfigurationError(securityMessages.policyNotObject(), {
      operation: 'configurePasswordPolicy',
    });
  }
  const defaults = DEFAULT_PASSWORD_HASH_POLICY;
  const scheme = input.scheme ?? defaults.scheme;
  if (scheme !== PBKDF2_SHA256_SCHEME && scheme !== ARGON2ID_SCHEME) {
    throw new ConfigurationError(securityMessages.unknownPasswordScheme(), {
      operation: 'configurePasswordPolicy',
      field: 'scheme',
    });
  }
  const argon2 = { ...defaults.argon2, ...(input.argon2 ?? {}) };
  const limits = PASSWORD_HASH_LIMITS;
  const parallelism = requireInteger(
    'argon2.parallelism',
    argon2.parallelism,
    1,
    limits.argon2Parallelism,
  );
  return Object.freeze({
    scheme,
    iterations: requireInteger(
      'iterations',
      input.iterations ?? defaults.iterations,
      1,
      limits.pbkdf2Iterations,
    ),
    argon2: Object.freeze({
      timeCost: requireInteger('argon2.timeCost', argon2.timeCost, 1, limits.argon2TimeCost),
      // Argon2 needs at least 8 KiB per lane.
      memoryCost: requireInteger(
        'argon2.memoryCost',
        argon2.memoryCost,
        8 * parallelism,
        limits.argon2MemoryCostKiB,
      ),
      parallelism,
    }),
  });
}
