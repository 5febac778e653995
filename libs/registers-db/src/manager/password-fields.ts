import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { hashPassword, isPasswordHash } from '../security/passwords';

/**
 * The `hashPassword: true` fields of one model. Raw values are replaced by their hash
 * before any write; a value that already is a hash (made here or by the Python original)
 * is kept as it is, so nothing is hashed twice.
 */
export class PasswordFields {
  readonly fields: FieldMetadata[];

  constructor(meta: ModelMetadata) {
    this.fields = meta.fields.filter((f) => f.hashPassword);
  }

  get any(): boolean {
    return this.fields.length > 0;
  }

  /** Hashes the raw password values of `target` in place (only the properties it has). */
  async hashInto(target: Record<string, unknown>): Promise<void> {
    for (const field of this.fields) {
      const value = target[field.property];
      if (typeof value === 'string' && !isPasswordHash(value))
        target[field.property] = await hashPassword(value);
    }
  }

  /** hashInto for many targets at once (hashing runs on the libuv thread pool). */
  async hashAll(targets: Array<Record<string, unknown>>): Promise<void> {
    if (!this.any) return;
    await Promise.all(targets.map((t) => this.hashInto(t)));
  }
}
