import { RegistryError } from '../../errors';

/** A field value could not be encrypted. Never carries the plaintext, ciphertext or key. */
export class EncryptionError extends RegistryError {}

/**
 * A stored value could not be decrypted: not in the `enc:v1:` format, wrong key, or changed
 * after it was written (the GCM tag did not authenticate). Never carries the plaintext,
 * ciphertext or key.
 */
export class DecryptionError extends EncryptionError {}
