/**
 * Messages of field encryption and password hashing: ConfigurationError for keys and
 * policies, EncryptionError and DecryptionError, ValidationError for a password that is not
 * a string. None of them carries a key, plaintext, ciphertext or hash.
 */
export const securityMessages = {
  keyNotBase64: (source: string) => `The field encryption key from ${source} is not valid base64.`,

  keyNotBufferOrString: (source: string) =>
    `The field encryption key from ${source} must be a Buffer or a base64 string.`,

  keyWrongLength: (source: string, expected: number, actual: number) =>
    `The field encryption key from ${source} must be ${expected} bytes for AES-256-GCM; it is ${actual}.`,

  cipherNeedsKey: () => 'FieldCipher needs either `key` or `keyProvider`.',

  onlyStringsEncrypted: () => 'Only string values can be encrypted.',

  notEncryptedFormat: () => 'The stored value is not in the enc:v1 encrypted format.',

  notDecryptable: () =>
    'The stored value could not be decrypted: wrong key, or the value was changed after it was written.',

  passwordNotString: () => 'A password must be a string.',

  policyValueOutOfRange: (name: string, min: number, max: number) =>
    `PasswordHashPolicy.${name} must be an integer from ${min} to ${max}.`,

  policyNotObject: () => 'PasswordHashPolicy must be an object.',

  unknownPasswordScheme: () => "PasswordHashPolicy.scheme must be 'pbkdf2_sha256' or 'argon2id'.",

  argon2Unavailable: () =>
    "Argon2id password hashing needs the '@node-rs/argon2' package with a prebuilt binary for this platform.",
};
