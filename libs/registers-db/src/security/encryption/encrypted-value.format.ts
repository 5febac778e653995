/**
 * Stored form of an encrypted field:
 *
 *   enc:v1:<iv base64>:<tag base64>:<ciphertext base64>
 *
 * v1 = AES-256-GCM, 12-byte random IV, 16-byte tag, standard padded base64. The ciphertext of
 * the empty string is empty.
 */
export const ENCRYPTED_VALUE_PREFIX = 'enc:v1:';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

const BASE64 = '(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?';
const ENCRYPTED_VALUE_PATTERN = new RegExp(
  `^enc:v1:([A-Za-z0-9+/]{16}):([A-Za-z0-9+/]{22}==):(${BASE64})$`,
);

export interface EncryptedValueParts {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

export function formatEncryptedValue({ iv, tag, ciphertext }: EncryptedValueParts): string {
  return `${ENCRYPTED_VALUE_PREFIX}${iv.toString('base64')}:${tag.toString('base64')}:${ciphertext.toString('base64')}`;
}

export function parseEncryptedValue(value: string): EncryptedValueParts | null {
  const match = ENCRYPTED_VALUE_PATTERN.exec(value);
  if (!match) return null;
  return {
    iv: Buffer.from(match[1], 'base64'),
    tag: Buffer.from(match[2], 'base64'),
    ciphertext: Buffer.from(match[3], 'base64'),
  };
}

/** True when `value` has the shape of a stored encrypted field (says nothing about which key). */
export function isEncryptedValue(value: unknown): value is string {
  return typeof value === 'string' && ENCRYPTED_VALUE_PATTERN.test(value);
}
