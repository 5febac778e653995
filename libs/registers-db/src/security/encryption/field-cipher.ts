import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigurationError } from '../../errors';
import { securityMessages } from '../../errors/messages';
import { DecryptionError, EncryptionError } from './encryption.errors';
import {
  formatEncryptedValue,
  IV_BYTES,
  parseEncryptedValue,
  TAG_BYTES,
} from './encrypted-value.format';
import { FieldCipherOptions, FieldEncryptionKey } from './field-cipher-options.interface';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function toKeyBuffer(key: FieldEncryptionKey, source: string): Buffer {
  let bytes: Buffer;
  if (typeof key === 'string') {
    if (!STRICT_BASE64.test(key)) {
      throw new ConfigurationError(securityMessages.keyNotBase64(source), {
        operation: 'configureFieldCipher',
      });
    }
    bytes = Buffer.from(key, 'base64');
  } else if (key instanceof Uint8Array) {
    bytes = Buffer.from(key); // a copy: later changes to the caller's buffer do not reach the cipher
  } else {
    throw new ConfigurationError(securityMessages.keyNotBufferOrString(source), {
      operation: 'configureFieldCipher',
    });
  }
  if (bytes.length !== KEY_BYTES) {
    throw new ConfigurationError(securityMessages.keyWrongLength(source, KEY_BYTES, bytes.length), {
      operation: 'configureFieldCipher',
    });
  }
  return bytes;
}

/**
 * AES-256-GCM encryption of single field values. Every value gets its own random 12-byte IV;
 * the stored text is `enc:v1:<iv>:<tag>:<ciphertext>` (see encrypted-value.format.ts).
 * Optional associated data (for example `"users.ssn"`) binds a value to where it is stored:
 * decrypting it with other associated data fails like tampering does.
 */
export class FieldCipher {
  // Private fields stay out of util.inspect, JSON.stringify and Object.keys.
  readonly #staticKey: Buffer | undefined;
  readonly #keyProvider: (() => FieldEncryptionKey | Promise<FieldEncryptionKey>) | undefined;

  constructor(options: FieldCipherOptions) {
    if (options && 'key' in options && options.key !== undefined) {
      this.#staticKey = toKeyBuffer(options.key, 'options.key');
    } else if (options && 'keyProvider' in options && typeof options.keyProvider === 'function') {
      this.#keyProvider = options.keyProvider;
    } else {
      throw new ConfigurationError(securityMessages.cipherNeedsKey(), {
        operation: 'configureFieldCipher',
      });
    }
  }

  /** A new random key as base64, for configuration files and secrets managers. */
  static generateKey(): string {
    return randomBytes(KEY_BYTES).toString('base64');
  }

  private async key(): Promise<Buffer> {
    if (this.#staticKey) return this.#staticKey;
    return toKeyBuffer(await this.#keyProvider!(), 'keyProvider');
  }

  async encrypt(plain: string, associatedData?: string): Promise<string> {
    if (typeof plain !== 'string') {
      throw new EncryptionError(securityMessages.onlyStringsEncrypted(), { operation: 'encrypt' });
    }
    const key = await this.key();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    if (associatedData !== undefined) cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return formatEncryptedValue({ iv, tag: cipher.getAuthTag(), ciphertext });
  }

  async decrypt(stored: string, associatedData?: string): Promise<string> {
    const parts = typeof stored === 'string' ? parseEncryptedValue(stored) : null;
    if (!parts) {
      throw new DecryptionError(securityMessages.notEncryptedFormat(), {
        operation: 'decrypt',
      });
    }
    const key = await this.key();
    const decipher = createDecipheriv(ALGORITHM, key, parts.iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(parts.tag);
    if (associatedData !== undefined) decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    try {
      return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]).toString('utf8');
    } catch {
      // No cause attached: nothing about the data or key leaves this method.
      throw new DecryptionError(securityMessages.notDecryptable(), { operation: 'decrypt' });
    }
  }
}
