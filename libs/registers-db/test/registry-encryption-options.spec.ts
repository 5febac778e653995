import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { ConfigurationError } from '../src/errors';
import { ENCRYPTION_KEY_ENV } from '../src/manager/encrypted-fields';
import { RegistersDbModule } from '../src/nest/registers-db.module';
import { DatabaseRegistry } from '../src/registry';
import { DecryptionError, FieldCipher } from '../src/security/encryption';

@Model({ table: 'enc_opt_secrets' })
class Secret {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() label!: string;
  @Field({ encrypted: true, type: 'text' }) @IsString() value!: string;
}

@Model({ table: 'enc_opt_plain' })
class Plain {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() label!: string;
}

describeEachDialect('Registry and module encryption options', (target) => {
  const key = FieldCipher.generateKey();
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env[ENCRYPTION_KEY_ENV];
    delete process.env[ENCRYPTION_KEY_ENV];
  });
  afterAll(() => {
    if (saved === undefined) delete process.env[ENCRYPTION_KEY_ENV];
    else process.env[ENCRYPTION_KEY_ENV] = saved;
  });

  const storedValue = async (db: DatabaseRegistry, id: number) =>
    (
      await db.manager(Secret).rawDicts('SELECT value FROM enc_opt_secrets WHERE id = :id', { id })
    )[0].value as string;

  it('encrypts with { key } given to the registry and reads the plaintext back', async () => {
    const db = new DatabaseRegistry({ url: target().url, encryption: { key } }).register(
      Secret,
      Plain,
    );
    try {
      const created = await db.manager(Secret).create({ label: 'a', value: 'top secret' });
      const raw = await storedValue(db, created.id!);
      expect(raw).toMatch(/^enc:v1:/);
      expect(raw).not.toContain('top secret');
      expect((await db.manager(Secret).require(created.id!)).value).toBe('top secret');
      expect((await db.manager(Plain).create({ label: 'p' })).label).toBe('p');
    } finally {
      await db.dispose();
    }
  });

  it('uses { keyProvider }, and a registry with another key cannot decrypt', async () => {
    let calls = 0;
    const db = new DatabaseRegistry({
      url: target().url,
      encryption: { keyProvider: async () => (calls++, key) },
    }).register(Secret);
    const other = new DatabaseRegistry({
      url: target().url,
      encryption: { key: FieldCipher.generateKey() },
    }).register(Secret);
    try {
      const created = await db.manager(Secret).create({ label: 'b', value: 'provided' });
      expect(calls).toBeGreaterThan(0);
      expect((await db.manager(Secret).require(created.id!)).value).toBe('provided');
      const error = await other
        .manager(Secret)
        .require(created.id!)
        .catch((e) => e);
      expect(error).toBeInstanceOf(DecryptionError);
      expect(JSON.stringify(error)).not.toContain('provided');
    } finally {
      await db.dispose();
      await other.dispose();
    }
  });

  it('refuses an encryption option without a key at construction', () => {
    expect(() => new DatabaseRegistry({ url: target().url, encryption: {} as any })).toThrow(
      ConfigurationError,
    );
  });

  it('falls back to REGISTERS_ENCRYPTION_KEY when no option is given', async () => {
    const db = new DatabaseRegistry({ url: target().url }).register(Secret);
    try {
      await expect(db.manager(Secret).create({ label: 'c', value: 'x' })).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      process.env[ENCRYPTION_KEY_ENV] = key;
      const created = await db.manager(Secret).create({ label: 'c', value: 'from env' });
      const withOption = new DatabaseRegistry({ url: target().url, encryption: { key } }).register(
        Secret,
      );
      expect((await withOption.manager(Secret).require(created.id!)).value).toBe('from env');
      await withOption.dispose();
    } finally {
      delete process.env[ENCRYPTION_KEY_ENV];
      await db.dispose();
    }
  });

  it('RegistersDbModule.forRoot({ encryption }) gives the cipher to the injected managers', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersDbModule.forRoot({ url: target().url, encryption: { key } }),
        RegistersDbModule.forFeature([Secret]),
      ],
    }).compile();
    const app = await moduleRef.init();
    try {
      const db = app.get(DatabaseRegistry);
      const created = await db.manager(Secret).create({ label: 'd', value: 'module secret' });
      expect(await storedValue(db, created.id!)).toMatch(/^enc:v1:/);
      expect((await db.manager(Secret).require(created.id!)).value).toBe('module secret');
    } finally {
      await app.close();
    }
  });
});
