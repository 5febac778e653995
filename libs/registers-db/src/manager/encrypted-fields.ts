import { ConfigurationError } from '../errors';
import { configurationMessages } from '../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { FieldCipher } from '../security/encryption';

/** Environment variable read when no cipher was given: a base64 32-byte key. */
export const ENCRYPTION_KEY_ENV = 'REGISTERS_ENCRYPTION_KEY';

/**
 * The `encrypted: true` fields of one model: ciphertext at rest, plaintext on records.
 * Writes bind a sealed view of the record (the record itself keeps its plaintext); reads
 * open the values in place. The column name is the associated data, so a ciphertext
 * moved to another column does not decrypt.
 */
export class EncryptedFields {
  readonly fields: FieldMetadata[];
  private cipher?: FieldCipher;
  private readonly sealed = new WeakMap<object, Record<string, unknown>>();

  constructor(private readonly meta: ModelMetadata) {
    this.fields = meta.fields.filter((f) => f.encrypted);
  }

  get any(): boolean {
    return this.fields.length > 0;
  }

  use(cipher: FieldCipher): void {
    this.cipher = cipher;
  }

  private requireCipher(operation: string): FieldCipher {
    if (!this.cipher) {
      const key = process.env[ENCRYPTION_KEY_ENV];
      if (!key) {
        throw new ConfigurationError(
          configurationMessages.missingEncryptionKey(this.meta.name, ENCRYPTION_KEY_ENV),
          { model: this.meta.name, table: this.meta.table, operation },
        );
      }
      this.cipher = new FieldCipher({ key });
    }
    return this.cipher;
  }

  /** Encrypts the plaintext values `source` has into the view that writes bind. */
  async seal(source: Record<string, unknown>, operation: string): Promise<void> {
    let view: Record<string, unknown> | undefined;
    for (const field of this.fields) {
      if (!(field.property in source)) continue;
      const value = source[field.property];
      view ??= {};
      view[field.property] =
        typeof value === 'string'
          ? await this.requireCipher(operation).encrypt(value, field.column)
          : value;
    }
    if (view) this.sealed.set(source, view);
  }

  async sealAll(sources: Array<Record<string, unknown>>, operation: string): Promise<void> {
    await Promise.all(sources.map((s) => this.seal(s, operation)));
  }

  /** The value a write binds for `field` of `source`: its ciphertext when sealed. */
  bound(source: Record<string, unknown>, field: FieldMetadata): unknown {
    if (field.encrypted) {
      const view = this.sealed.get(source);
      if (view && field.property in view) return view[field.property];
    }
    return source[field.property];
  }

  /** Decrypts the encrypted values of read records in place. */
  async open(records: Array<Record<string, unknown>>, operation: string): Promise<void> {
    await Promise.all(
      records.map(async (record) => {
        for (const field of this.fields) {
          const value = record[field.property];
          if (typeof value === 'string') {
            record[field.property] = await this.requireCipher(operation).decrypt(
              value,
              field.column,
            );
          }
        }
      }),
    );
  }
}
