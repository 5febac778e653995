import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { ConfigurationError, RegistryError } from '../src/errors';
import { DecryptionError, EncryptionError, FieldCipher, isEncryptedValue } from '../src/security';

const STORED_SHAPE = /^enc:v1:([A-Za-z0-9+/]{16}):([A-Za-z0-9+/]{22}==):([A-Za-z0-9+/=]*)$/;

const key = randomBytes(32);
const cipher = new FieldCipher({ key });

function b64(buffer: Buffer): string {
  return buffer.toString('base64');
}

/** Changes one byte of one part of a stored value and keeps the format valid. */
function tamper(stored: string, part: 'iv' | 'tag' | 'ciphertext'): string {
  const [prefix, version, iv, tag, ciphertext] = stored.split(':');
  const parts = { iv, tag, ciphertext };
  const bytes = Buffer.from(parts[part], 'base64');
  bytes[0] ^= 0x01;
  parts[part] = b64(bytes);
  return [prefix, version, parts.iv, parts.tag, parts.ciphertext].join(':');
}

async function decryptError(run: () => Promise<unknown>): Promise<RegistryError> {
  try {
    await run();
  } catch (error) {
    return error as RegistryError;
  }
  throw new Error('expected the call to throw');
}

describe('FieldCipher round trip', () => {
  it.each([
    ['an ASCII value', '123-45-6789'],
    ['the empty string', ''],
    ['non-ASCII text with an emoji', 'Zürich · 東京 · 🔐'],
    ['a value that looks like SQL', "'; DROP TABLE users; --"],
    [
      'a value that looks like an encrypted value',
      'enc:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:',
    ],
    ['a 1 MB value', 'q'.repeat(1_000_000)],
  ])('encrypts and decrypts %s', async (_label, plain) => {
    const stored = await cipher.encrypt(plain);
    expect(stored).toMatch(STORED_SHAPE);
    expect(isEncryptedValue(stored)).toBe(true);
    if (plain.length > 0) expect(stored).not.toContain(plain);
    expect(await cipher.decrypt(stored)).toBe(plain);
  });

  it('stores the empty string with an empty ciphertext part', async () => {
    expect((await cipher.encrypt('')).split(':')[4]).toBe('');
  });

  it('uses a fresh 12-byte IV for every value, so equal plaintexts are stored differently', async () => {
    const values = await Promise.all(Array.from({ length: 50 }, () => cipher.encrypt('same')));
    const ivs = values.map((v) => v.split(':')[2]);
    expect(new Set(values).size).toBe(50);
    expect(new Set(ivs).size).toBe(50);
    expect(Buffer.from(ivs[0], 'base64')).toHaveLength(12);
  });

  it('writes standard AES-256-GCM: the published all-zero test vector decrypts', async () => {
    // AES-256-GCM test case 14 of the GCM specification: zero key, zero IV, 16 zero bytes.
    const zero = new FieldCipher({ key: Buffer.alloc(32) });
    const stored = `enc:v1:${b64(Buffer.alloc(12))}:${b64(Buffer.from('d0d1c8a799996bf0265b98b5d48ab919', 'hex'))}:${b64(
      Buffer.from('cea7403d4d606b6e074ec5d3baf39d18', 'hex'),
    )}`;
    expect(await zero.decrypt(stored)).toBe('\u0000'.repeat(16));
  });

  it('refuses a non-string value with EncryptionError', async () => {
    await expect(cipher.encrypt(42 as never)).rejects.toThrow(EncryptionError);
    await expect(cipher.encrypt(null as never)).rejects.toThrow(EncryptionError);
  });
});

describe('FieldCipher keys', () => {
  it('accepts the key as base64 text', async () => {
    const fromText = new FieldCipher({ key: b64(key) });
    expect(await fromText.decrypt(await cipher.encrypt('shared'))).toBe('shared');
  });

  it('accepts a synchronous key provider', async () => {
    const provided = new FieldCipher({ keyProvider: () => key });
    expect(await provided.decrypt(await cipher.encrypt('shared'))).toBe('shared');
  });

  it('accepts an asynchronous key provider and asks it on every call', async () => {
    const provider = jest.fn(async () => b64(key));
    const provided = new FieldCipher({ keyProvider: provider });
    const stored = await provided.encrypt('value');
    expect(await cipher.decrypt(stored)).toBe('value');
    expect(await provided.decrypt(stored)).toBe('value');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  it('keeps its own copy of a Buffer key, so changing the caller buffer later changes nothing', async () => {
    const callerKey = Buffer.from(key);
    const own = new FieldCipher({ key: callerKey });
    callerKey.fill(0);
    expect(await cipher.decrypt(await own.encrypt('copy'))).toBe('copy');
  });

  it.each([
    ['a 16-byte key', () => new FieldCipher({ key: randomBytes(16) })],
    ['a 33-byte key', () => new FieldCipher({ key: randomBytes(33) })],
    ['base64 text of 31 bytes', () => new FieldCipher({ key: b64(randomBytes(31)) })],
    ['text that is not base64', () => new FieldCipher({ key: 'not base64!'.padEnd(44, '*') })],
    ['a number as key', () => new FieldCipher({ key: 42 as never })],
    ['neither key nor provider', () => new FieldCipher({} as never)],
    ['no options', () => new FieldCipher(undefined as never)],
  ])('refuses %s with ConfigurationError', (_label, make) => {
    expect(make).toThrow(ConfigurationError);
  });

  it('refuses a provider key of the wrong length with ConfigurationError at first use', async () => {
    const short = new FieldCipher({ keyProvider: () => randomBytes(24) });
    await expect(short.encrypt('x')).rejects.toThrow(ConfigurationError);
  });

  it('never names the key in its length error', () => {
    const weak = randomBytes(16);
    const error = (() => {
      try {
        new FieldCipher({ key: b64(weak) });
      } catch (e) {
        return e as RegistryError;
      }
    })()!;
    const visible = `${error.message} ${JSON.stringify(error)} ${inspect(error)}`;
    expect(error.message).toContain('32 bytes');
    expect(visible).not.toContain(b64(weak));
    expect(visible).not.toContain(weak.toString('hex'));
  });

  it('does not show the key through inspect, JSON or its own keys', () => {
    const shown = `${inspect(cipher, { showHidden: true, depth: 5 })} ${JSON.stringify(cipher)} ${Object.keys(cipher)}`;
    expect(shown).not.toContain(b64(key));
    expect(shown).not.toContain(key.toString('hex'));
  });

  it('makes base64 keys of 32 bytes with generateKey', async () => {
    const generated = FieldCipher.generateKey();
    expect(Buffer.from(generated, 'base64')).toHaveLength(32);
    expect(generated).not.toBe(FieldCipher.generateKey());
    const fromGenerated = new FieldCipher({ key: generated });
    expect(await fromGenerated.decrypt(await fromGenerated.encrypt('ok'))).toBe('ok');
  });
});

describe('FieldCipher tamper detection', () => {
  const plain = 'card 4111 1111 1111 1111';

  it.each(['iv', 'tag', 'ciphertext'] as const)(
    'raises DecryptionError when one byte of the %s was changed, without plaintext, ciphertext or key in it',
    async (part) => {
      const stored = await cipher.encrypt(plain);
      const changed = tamper(stored, part);
      expect(isEncryptedValue(changed)).toBe(true);
      const error = await decryptError(() => cipher.decrypt(changed));
      expect(error).toBeInstanceOf(DecryptionError);
      expect(error).toBeInstanceOf(RegistryError);
      const visible = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.context)} ${String(error.cause)}`;
      for (const secret of [
        plain,
        stored.split(':')[4],
        changed.split(':')[4],
        b64(key),
        key.toString('hex'),
      ]) {
        expect(visible).not.toContain(secret);
      }
    },
  );

  it('raises DecryptionError for a value encrypted under another key', async () => {
    const other = new FieldCipher({ key: randomBytes(32) });
    await expect(cipher.decrypt(await other.encrypt(plain))).rejects.toThrow(DecryptionError);
  });

  it('raises DecryptionError when the stored value was cut short', async () => {
    const stored = await cipher.encrypt(plain);
    const shorter = stored.slice(0, stored.length - 4);
    await expect(cipher.decrypt(shorter)).rejects.toThrow(DecryptionError);
  });

  it('raises DecryptionError when two stored values swap their tags', async () => {
    const a = (await cipher.encrypt('a-value')).split(':');
    const b = (await cipher.encrypt('b-value')).split(':');
    const swapped = [...a.slice(0, 3), b[3], a[4]].join(':');
    await expect(cipher.decrypt(swapped)).rejects.toThrow(DecryptionError);
  });

  it.each([
    ['plain text', 'hello'],
    ['an unknown version', 'enc:v2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==:AAAA'],
    ['a 16-byte IV', `enc:v1:${b64(randomBytes(16))}:${b64(randomBytes(16))}:AAAA`],
    ['a 12-byte tag', `enc:v1:${b64(randomBytes(12))}:${b64(randomBytes(12))}:AAAA`],
    [
      'broken base64 in the ciphertext',
      `enc:v1:${b64(randomBytes(12))}:${b64(randomBytes(16))}:AA*A`,
    ],
    ['a number', 42],
    ['null', null],
  ])('raises DecryptionError for %s', async (_label, stored) => {
    await expect(cipher.decrypt(stored as never)).rejects.toThrow(DecryptionError);
  });
});

describe('FieldCipher associated data', () => {
  it('decrypts with the same associated data it was encrypted with', async () => {
    const stored = await cipher.encrypt('123-45-6789', 'users.ssn');
    expect(await cipher.decrypt(stored, 'users.ssn')).toBe('123-45-6789');
  });

  it('refuses a value moved to another column (other associated data) or read without it', async () => {
    const stored = await cipher.encrypt('123-45-6789', 'users.ssn');
    await expect(cipher.decrypt(stored, 'users.notes')).rejects.toThrow(DecryptionError);
    await expect(cipher.decrypt(stored)).rejects.toThrow(DecryptionError);
  });
});

describe('isEncryptedValue', () => {
  it.each([
    ['plain text', 'secret', false],
    ['a number', 5, false],
    ['undefined', undefined, false],
    ['the prefix alone', 'enc:v1:', false],
    ['a trailing newline', `enc:v1:${'A'.repeat(16)}:${'A'.repeat(22)}==:AAAA\n`, false],
    [
      'a well-formed value with empty ciphertext',
      `enc:v1:${'A'.repeat(16)}:${'A'.repeat(22)}==:`,
      true,
    ],
  ])('answers %s → %s', (_label, value, expected) => {
    expect(isEncryptedValue(value)).toBe(expected);
  });
});
