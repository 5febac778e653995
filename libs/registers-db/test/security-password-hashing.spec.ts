import * as crypto from 'node:crypto';
import { ConfigurationError, ValidationError } from '../src/errors';
import {
  configurePasswordPolicy,
  DEFAULT_PASSWORD_HASH_POLICY,
  getPasswordPolicy,
  hashPassword,
  isPasswordHash,
  needsPasswordRehash,
  PasswordHashPolicy,
  verifyAndUpgradePassword,
  verifyPassword,
} from '../src/security';
import argon2Reference from './fixtures/argon2id-reference-hashes.json';

const PBKDF2_SHAPE = /^pbkdf2_sha256\$(\d+)\$([0-9a-f]{32})\$([0-9a-f]{64})$/;
const FAST_PBKDF2 = { iterations: 1_000 };
// Small Argon2id parameters keep the suite quick; the format and logic are the same.
const FAST_ARGON2 = {
  scheme: 'argon2id',
  argon2: { timeCost: 1, memoryCost: 256, parallelism: 1 },
} as const;

// Well-formed but absurdly expensive: must never reach PBKDF2 or Argon2.
const CRAFTED_HASHES: [string, string][] = [
  [
    'a PBKDF2 hash asking for 2,000,000,000 iterations',
    'pbkdf2_sha256$2000000000$00ff$' + 'a'.repeat(64),
  ],
  [
    'an Argon2id hash asking for 4 TiB of memory',
    '$argon2id$v=19$m=4294967295,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
  ],
  [
    'an Argon2id hash asking for 1,000,000 passes',
    '$argon2id$v=19$m=256,t=1000000,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
  ],
  [
    'an Argon2id hash with less than 8 KiB per lane',
    '$argon2id$v=19$m=8,t=2,p=4$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc',
  ],
];

let previousPolicy: Readonly<PasswordHashPolicy>;
beforeEach(() => {
  previousPolicy = configurePasswordPolicy(FAST_PBKDF2);
});
afterEach(() => {
  configurePasswordPolicy(previousPolicy);
});

describe('password policy', () => {
  it('defaults to PBKDF2-SHA256 with 600,000 iterations and the Argon2id parameters of the Python original', () => {
    expect(DEFAULT_PASSWORD_HASH_POLICY).toEqual({
      scheme: 'pbkdf2_sha256',
      iterations: 600_000,
      argon2: { timeCost: 2, memoryCost: 19_456, parallelism: 1 },
    });
    expect(previousPolicy).toEqual(DEFAULT_PASSWORD_HASH_POLICY);
  });

  it('configurePasswordPolicy returns the previous policy and fills what is left out from the defaults', () => {
    const before = configurePasswordPolicy({ scheme: 'argon2id', argon2: { memoryCost: 4096 } });
    expect(before).toEqual({ ...DEFAULT_PASSWORD_HASH_POLICY, iterations: 1_000 });
    expect(getPasswordPolicy()).toEqual({
      scheme: 'argon2id',
      iterations: 600_000,
      argon2: { timeCost: 2, memoryCost: 4096, parallelism: 1 },
    });
  });

  it('returns a frozen policy so callers cannot change the active one behind its back', () => {
    const policy = getPasswordPolicy();
    expect(Object.isFrozen(policy)).toBe(true);
    expect(Object.isFrozen(policy.argon2)).toBe(true);
  });

  it.each([
    ['an unknown scheme', { scheme: 'md5' }],
    ['zero iterations', { iterations: 0 }],
    ['negative iterations', { iterations: -5 }],
    ['fractional iterations', { iterations: 1.5 }],
    ['iterations given as text', { iterations: '600000' }],
    ['iterations beyond what PBKDF2 accepts', { iterations: 2 ** 31 }],
    ['NaN iterations', { iterations: Number.NaN }],
    ['iterations above the 100,000,000 limit', { iterations: 100_000_001 }],
    ['an Argon2 memory cost above 2 GiB', { argon2: { memoryCost: 2 ** 21 + 1 } }],
    ['an Argon2 time cost above 100', { argon2: { timeCost: 101 } }],
    ['a zero Argon2 time cost', { argon2: { timeCost: 0 } }],
    ['an Argon2 memory cost below 8 KiB per lane', { argon2: { memoryCost: 15, parallelism: 2 } }],
    ['an Argon2 parallelism above 255', { argon2: { parallelism: 256 } }],
  ])('rejects %s with ConfigurationError and keeps the active policy', (_label, policy) => {
    const active = getPasswordPolicy();
    expect(() => configurePasswordPolicy(policy as never)).toThrow(ConfigurationError);
    expect(getPasswordPolicy()).toBe(active);
  });

  it('rejects an invalid policy passed to hashPassword with ConfigurationError', async () => {
    await expect(hashPassword('secret', { iterations: 0 })).rejects.toThrow(ConfigurationError);
  });
});

describe('hashPassword and verifyPassword (PBKDF2-SHA256)', () => {
  it('writes pbkdf2_sha256$<iterations>$<32 hex salt>$<64 hex digest> with the configured iterations', async () => {
    const hash = await hashPassword('secret123');
    const match = PBKDF2_SHAPE.exec(hash);
    expect(match).not.toBeNull();
    expect(match![1]).toBe('1000');
  });

  it('derives the digest from the salt bytes, not the salt hex text, exactly like hashlib.pbkdf2_hmac', async () => {
    const hash = await hashPassword('secret123', { iterations: 50 });
    const [, iterations, salt, digest] = hash.split('$');
    const expected = crypto.pbkdf2Sync(
      'secret123',
      Buffer.from(salt, 'hex'),
      Number(iterations),
      32,
      'sha256',
    );
    expect(digest).toBe(expected.toString('hex'));
  });

  it('uses the iterations of a policy passed to the call instead of the configured one', async () => {
    expect(PBKDF2_SHAPE.exec(await hashPassword('secret', { iterations: 7 }))![1]).toBe('7');
  });

  it('salts every hash, so the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  it.each([
    ['an ASCII password', 'correct horse battery staple'],
    ['the empty password', ''],
    ['a password with non-ASCII letters and an emoji', 'pässwörd-日本語-🔐'],
    ['a password with dollar signs', '$with$dollars$'],
    ['a password that itself looks like a hash', 'pbkdf2_sha256$1$00$' + '0'.repeat(64)],
    ['a 10,000-character password', 'y'.repeat(10_000)],
  ])('verifies %s and refuses a near miss', async (_label, raw) => {
    const hash = await hashPassword(raw);
    expect(await verifyPassword(raw, hash)).toBe(true);
    expect(await verifyPassword(raw + ' ', hash)).toBe(false);
    expect(await verifyPassword(raw.slice(0, -1) || 'x', hash)).toBe(false);
  });

  it('does not normalize unicode: a composed and a decomposed é are different passwords', async () => {
    const hash = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', hash)).toBe(false);
  });

  it('refuses a non-string password with ValidationError', async () => {
    await expect(hashPassword(12345 as never)).rejects.toThrow(ValidationError);
    await expect(hashPassword(null as never)).rejects.toThrow(ValidationError);
  });

  it('does not echo a rejected non-string password in the error', async () => {
    const error = await hashPassword({ secret: 'hunter2-in-an-object' } as never).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('hunter2');
  });

  it("hashes a hash-shaped input again instead of storing it (skipping is the caller's choice)", async () => {
    const existing = await hashPassword('secret');
    const rehashed = await hashPassword(existing);
    expect(rehashed).not.toBe(existing);
    expect(await verifyPassword(existing, rehashed)).toBe(true);
  });

  it('compares the digests with crypto.timingSafeEqual', async () => {
    const hash = await hashPassword('secret');
    // The module object itself: `import * as` gives the test a copy of it.
    const nodeCrypto = jest.requireActual<typeof crypto>('node:crypto');
    const spy = jest.spyOn(nodeCrypto, 'timingSafeEqual');
    try {
      expect(await verifyPassword('wrong', hash)).toBe(false);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it.each([
    ['a non-string hash', 42],
    ['a plain string', 'secret'],
    ['an unknown scheme', 'md5$1000$00ff$' + 'a'.repeat(64)],
    ['zero iterations', 'pbkdf2_sha256$0$00ff$' + 'a'.repeat(64)],
    ['non-hex salt', 'pbkdf2_sha256$1000$zz$' + 'a'.repeat(64)],
    ['an odd-length salt', 'pbkdf2_sha256$1000$abc$' + 'a'.repeat(64)],
    ['a short digest', 'pbkdf2_sha256$1000$00ff$abcd'],
    ['a Django-style base64 digest', 'pbkdf2_sha256$1000$salt$' + 'A'.repeat(43) + '='],
    ['a fifth part', 'pbkdf2_sha256$1000$00ff$' + 'a'.repeat(64) + '$x'],
  ])('answers false (never throws) for %s', async (_label, hash) => {
    await expect(verifyPassword('secret', hash as never)).resolves.toBe(false);
  });

  it('answers false for a non-string password against a real hash', async () => {
    const hash = await hashPassword('123');
    await expect(verifyPassword(123 as never, hash)).resolves.toBe(false);
  });
});

describe('isPasswordHash', () => {
  it('recognizes hashes made here with either scheme', async () => {
    expect(isPasswordHash(await hashPassword('a'))).toBe(true);
    expect(isPasswordHash(await hashPassword('a', FAST_ARGON2))).toBe(true);
  });

  it('recognizes the Argon2 reference hashes', () => {
    for (const { hash } of argon2Reference.cases) expect(isPasswordHash(hash)).toBe(true);
  });

  it.each([
    ['undefined', undefined],
    ['a number', 600000],
    ['an object', { hash: 'pbkdf2_sha256$1$00$' + '0'.repeat(64) }],
    ['an ordinary password', 'hunter2'],
    ['the scheme name only', 'pbkdf2_sha256$'],
    ['an empty salt', 'pbkdf2_sha256$1000$$' + 'a'.repeat(64)],
    ['an uppercase digest', 'pbkdf2_sha256$1000$00ff$' + 'A'.repeat(64)],
    ['leading zeros in iterations', 'pbkdf2_sha256$01000$00ff$' + 'a'.repeat(64)],
    ['surrounding whitespace', ' pbkdf2_sha256$1000$00ff$' + 'a'.repeat(64)],
    [
      'an argon2i (not argon2id) hash',
      '$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$FK6NoBr+qHAMI1jc73xTWNkCEoK9iGY6RWL1n7dNIu4',
    ],
    ['an argon2id prefix without parameters', '$argon2id$'],
    ['a bcrypt hash', '$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234'],
    ...CRAFTED_HASHES,
  ])('answers false for %s', (_label, value) => {
    expect(isPasswordHash(value)).toBe(false);
  });

  it.each(CRAFTED_HASHES)(
    'lets verifyPassword refuse %s at once instead of running it',
    async (_label, value) => {
      await expect(verifyPassword('secret', value)).resolves.toBe(false);
    },
  );
});

describe('Argon2id', () => {
  it('writes a PHC string carrying the policy parameters, a 16-byte salt and a 32-byte hash', async () => {
    const hash = await hashPassword('secret', FAST_ARGON2);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=256,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('secret', hash)).toBe(true);
    expect(await verifyPassword('Secret', hash)).toBe(false);
  });

  it('uses Argon2id for every new hash once it is the configured scheme', async () => {
    configurePasswordPolicy(FAST_ARGON2);
    expect(await hashPassword('secret')).toMatch(/^\$argon2id\$/);
  });

  it.each(argon2Reference.cases)(
    'verifies the reference implementation hash ($label)',
    async ({ password, hash }) => {
      expect(await verifyPassword(password, hash)).toBe(true);
      expect(await verifyPassword(password + '!', hash)).toBe(false);
    },
  );

  it('answers false for a well-shaped PHC string whose hash part was changed', async () => {
    const hash = await hashPassword('secret', FAST_ARGON2);
    const last = hash.at(-1) === 'A' ? 'B' : 'A';
    expect(await verifyPassword('secret', hash.slice(0, -1) + last)).toBe(false);
  });
});

describe('verifyAndUpgradePassword', () => {
  it('returns ok without an upgrade when the hash meets the policy', async () => {
    const hash = await hashPassword('secret');
    expect(await verifyAndUpgradePassword('secret', hash)).toEqual({ ok: true, upgraded: null });
  });

  it('returns ok without an upgrade when the hash has more iterations than the policy', async () => {
    const hash = await hashPassword('secret', { iterations: 2_000 });
    expect(await verifyAndUpgradePassword('secret', hash)).toEqual({ ok: true, upgraded: null });
  });

  it('returns not ok and no upgrade for a wrong password, even when the hash is below the policy', async () => {
    const hash = await hashPassword('secret', { iterations: 10 });
    expect(await verifyAndUpgradePassword('wrong', hash)).toEqual({ ok: false, upgraded: null });
  });

  it('returns not ok for something that is not a hash', async () => {
    expect(await verifyAndUpgradePassword('secret', 'secret')).toEqual({
      ok: false,
      upgraded: null,
    });
  });

  it('returns a fresh hash with the policy iterations when the stored one has fewer', async () => {
    const stale = await hashPassword('secret', { iterations: 10 });
    const { ok, upgraded } = await verifyAndUpgradePassword('secret', stale);
    expect(ok).toBe(true);
    expect(PBKDF2_SHAPE.exec(upgraded!)![1]).toBe('1000');
    expect(await verifyPassword('secret', upgraded!)).toBe(true);
    expect(needsPasswordRehash(upgraded!)).toBe(false);
  });

  it('moves a PBKDF2 hash to Argon2id when the policy scheme is Argon2id', async () => {
    const pbkdf2 = await hashPassword('secret');
    configurePasswordPolicy(FAST_ARGON2);
    const { ok, upgraded } = await verifyAndUpgradePassword('secret', pbkdf2);
    expect(ok).toBe(true);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    expect(await verifyPassword('secret', upgraded!)).toBe(true);
  });

  it('moves an Argon2id hash back to PBKDF2 when the policy scheme is PBKDF2', async () => {
    const argon = await hashPassword('secret', FAST_ARGON2);
    const { ok, upgraded } = await verifyAndUpgradePassword('secret', argon);
    expect(ok).toBe(true);
    expect(upgraded).toMatch(PBKDF2_SHAPE);
  });

  it('upgrades an Argon2id hash whose memory or time cost is below the policy', async () => {
    const weak = await hashPassword('secret', FAST_ARGON2);
    const policy = {
      scheme: 'argon2id',
      argon2: { timeCost: 2, memoryCost: 512, parallelism: 1 },
    } as const;
    const { ok, upgraded } = await verifyAndUpgradePassword('secret', weak, policy);
    expect(ok).toBe(true);
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=512,t=2,p=1\$/);
    expect(await verifyAndUpgradePassword('secret', upgraded!, policy)).toEqual({
      ok: true,
      upgraded: null,
    });
  });

  it('does not upgrade the 64 MiB reference hash under the default Argon2id parameters (19 MiB, t=2)', async () => {
    const { password, hash } = argon2Reference.cases[0];
    expect(await verifyAndUpgradePassword(password, hash, { scheme: 'argon2id' })).toEqual({
      ok: true,
      upgraded: null,
    });
  });
});

describe('event loop', () => {
  it('keeps a 1 ms timer firing while a hash with the default 600,000 iterations runs', async () => {
    configurePasswordPolicy(DEFAULT_PASSWORD_HASH_POLICY);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let hash: string;
    try {
      hash = await hashPassword('secret123');
    } finally {
      clearInterval(timer);
    }
    expect(hash).toMatch(/^pbkdf2_sha256\$600000\$/);
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('sees no timer tick during a synchronous PBKDF2 of the same cost (the control for the test above)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5)); // let the timer start
      const before = ticks;
      crypto.pbkdf2Sync('secret123', crypto.randomBytes(16), 600_000, 32, 'sha256');
      expect(ticks).toBe(before);
    } finally {
      clearInterval(timer);
    }
  });

  it('keeps a 1 ms timer firing while an Argon2id hash with the default parameters runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    let hash: string;
    try {
      hash = await hashPassword('secret123', { scheme: 'argon2id' });
    } finally {
      clearInterval(timer);
    }
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(ticks).toBeGreaterThanOrEqual(1);
  });
});
