import {
  DEFAULT_PASSWORD_HASH_POLICY,
  PasswordHashPolicy,
  PasswordHashPolicyInput,
  resolvePasswordHashPolicy,
} from './password-hash-policy';

// Process-wide, like the Python original: one policy for every model of the process.
let currentPolicy: Readonly<PasswordHashPolicy> = DEFAULT_PASSWORD_HASH_POLICY;

/** Sets the policy new hashes are made with (missing parts take the defaults); returns the previous one. */
export function configurePasswordPolicy(
  policy: PasswordHashPolicyInput,
): Readonly<PasswordHashPolicy> {
  const next = resolvePasswordHashPolicy(policy);
  const previous = currentPolicy;
  currentPolicy = next;
  return previous;
}

export function getPasswordPolicy(): Readonly<PasswordHashPolicy> {
  return currentPolicy;
}
