/** 32 bytes, as a Buffer/Uint8Array or as standard base64 text. */
export type FieldEncryptionKey = Buffer | Uint8Array | string;

export interface StaticKeyFieldCipherOptions {
  key: FieldEncryptionKey;
}

export interface KeyProviderFieldCipherOptions {
  /** Called for every encrypt/decrypt, so a provider can rotate or cache keys as it sees fit. */
  keyProvider: () => FieldEncryptionKey | Promise<FieldEncryptionKey>;
}

export type FieldCipherOptions = StaticKeyFieldCipherOptions | KeyProviderFieldCipherOptions;
