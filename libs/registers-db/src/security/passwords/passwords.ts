import { ValidationError } from '../../errors';
import { securityMessages, validationMessages } from '../../errors/messages';
import {
  ARGON2_CURRENT_VERSION,
  hashArgon2id,
  parseArgon2idHash,
  verifyArgon2id,
} from './argon2id';
import {
  PasswordHashPolicy,
  PasswordHashPolicyInput,
  resolvePasswordHashPolicy,
} from './password-hash-policy';
import { getPasswordPolicy } from './password-policy.store';
import { hashPbkdf2Sha256, parsePbkdf2Hash, verifyPbkdf2Sha256 } from './pbkdf2-sha256';

export interface PasswordVerification {
  ok: boolean;
  /** A fresh hash under the current policy when `ok` and the stored hash is below it; otherwise null. */
  upgraded: string | null;
}

function policyOrCurrent(policy?: PasswordHashPolicyInput): Readonly<PasswordHashPolicy> {
  return policy === undefined ? getPasswordPolicy() : resolvePasswordHashPolicy(policy);
}

/**
 * Hashes `raw` with `policy` (default: the configured policy). The work runs on the libuv
 * thread pool, never on the event loop. Always hashes: callers that must not double-hash check
 * `isPasswordHash` first.
 */
export async function hashPassword(raw: string, policy?: PasswordHashPolicyInput): Promise<string> {
  if (typeof raw !== 'string') {
    throw new ValidationError(
      securityMessages.passwordNotString(),
      [{ field: 'password', messages: [validationMessages.passwordNotString()] }],
      {
        operation: 'hashPassword',
      },
    );
  }
  const resolved = policyOrCurrent(policy);
  return resolved.scheme === 'argon2id'
    ? hashArgon2id(raw, resolved.argon2)
    : hashPbkdf2Sha256(raw, resolved.iterations);
}

/** True when `raw` matches `hash`; false for any non-string or malformed input. Digests are compared in constant time. */
export async function verifyPassword(raw: string, hash: string): Promise<boolean> {
  if (typeof raw !== 'string' || typeof hash !== 'string') return false;
  const pbkdf2 = parsePbkdf2Hash(hash);
  if (pbkdf2) return verifyPbkdf2Sha256(raw, pbkdf2);
  if (parseArgon2idHash(hash)) return verifyArgon2id(raw, hash);
  return false;
}

/**
 * True when `hash` is below `policy` (default: the configured one): another scheme, fewer
 * PBKDF2 iterations, or weaker/older Argon2 parameters. Anything not a hash counts as below.
 */
export function needsPasswordRehash(hash: string, policy?: PasswordHashPolicyInput): boolean {
  const resolved = policyOrCurrent(policy);
  return isBelowPolicy(hash, resolved);
}

function isBelowPolicy(hash: string, policy: Readonly<PasswordHashPolicy>): boolean {
  if (typeof hash !== 'string') return true;
  if (policy.scheme === 'argon2id') {
    const argon2 = parseArgon2idHash(hash);
    if (!argon2) return true;
    return (
      argon2.version < ARGON2_CURRENT_VERSION ||
      argon2.timeCost < policy.argon2.timeCost ||
      argon2.memoryCost < policy.argon2.memoryCost ||
      argon2.parallelism < policy.argon2.parallelism
    );
  }
  const pbkdf2 = parsePbkdf2Hash(hash);
  return !pbkdf2 || pbkdf2.iterations < policy.iterations;
}

/**
 * Verifies `raw` against `hash` and, when it matches but `hash` is below the policy (default:
 * the configured one), returns a new hash to store in its place. Used at login to move users
 * migrated from the Python original, or from an older policy, onto the current one.
 */
export async function verifyAndUpgradePassword(
  raw: string,
  hash: string,
  policy?: PasswordHashPolicyInput,
): Promise<PasswordVerification> {
  const resolved = policyOrCurrent(policy);
  if (!(await verifyPassword(raw, hash))) return { ok: false, upgraded: null };
  if (!isBelowPolicy(hash, resolved)) return { ok: true, upgraded: null };
  return { ok: true, upgraded: await hashPassword(raw, resolved) };
}
