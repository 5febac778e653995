import 'reflect-metadata';
import { IsEmail, IsString, MinLength } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { ValidationError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import {
  configurePasswordPolicy,
  hashPassword,
  isPasswordHash,
  PasswordHashPolicy,
} from '../src/security/passwords';

@Model({ table: 'pw_accounts', unique: ['email'] })
class Account {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsEmail() email!: string;
  @Field({ hashPassword: true }) @IsString() @MinLength(8) password!: string;
}

describeEachDialect('Password fields of records', (target) => {
  let db: DatabaseRegistry;
  let previous: Readonly<PasswordHashPolicy>;
  beforeAll(() => {
    // A cheap policy keeps the suite fast; the scheme and format are the real ones.
    previous = configurePasswordPolicy({ scheme: 'pbkdf2_sha256', iterations: 1000 });
    db = new DatabaseRegistry({ url: target().url }).register(Account);
  });
  afterAll(async () => {
    configurePasswordPolicy(previous);
    await db.dispose();
  });
  beforeEach(() => db.manager(Account).deleteWhere({}, { allowFullTable: true }));
  const accounts = () => db.manager(Account);

  it('hashes on create, never returns the raw value and verifies through the record', async () => {
    const account = await accounts().create({ email: 'a@example.com', password: 'secret123' });
    expect(isPasswordHash(account.password)).toBe(true);
    expect(account.password).not.toContain('secret123');
    const read = await accounts().require(account.id!);
    expect(read.password).toBe(account.password);
    expect(await read.verifyPassword('secret123')).toBe(true);
    expect(await read.verifyPassword('wrong-password')).toBe(false);
  });

  it('validates the raw password, then leaves a stored hash alone on save', async () => {
    await expect(
      accounts().create({ email: 'b@example.com', password: 'short' }),
    ).rejects.toBeInstanceOf(ValidationError);
    const account = await accounts().create({ email: 'b@example.com', password: 'secret123' });
    const original = account.password;
    account.email = 'b2@example.com';
    await account.save();
    expect(account.password).toBe(original);
    account.password = 'new-secret';
    await account.save();
    expect(account.password).not.toBe(original);
    expect(await (await accounts().require(account.id!)).verifyPassword('new-secret')).toBe(true);
  });

  it('hashes on updateWhere, upsert and bulkCreate', async () => {
    const account = await accounts().create({ email: 'c@example.com', password: 'secret123' });
    const [updated] = await accounts().updateWhere(
      { id: account.id },
      { password: 'rotated-secret' },
    );
    expect(isPasswordHash(updated.password)).toBe(true);
    expect(await updated.verifyPassword('rotated-secret')).toBe(true);
    const upserted = await accounts().upsert({
      email: 'c@example.com',
      password: 'upserted-secret',
    });
    expect(await upserted.verifyPassword('upserted-secret')).toBe(true);
    const bulk = await accounts().bulkCreate([
      { email: 'd@example.com', password: 'password-d' },
      { email: 'e@example.com', password: 'password-e' },
    ]);
    expect(bulk.every((a) => isPasswordHash(a.password))).toBe(true);
    expect(
      await (await accounts().require({ email: 'e@example.com' })).verifyPassword('password-e'),
    ).toBe(true);
  });

  it('keeps the hash out of JSON and inspect output while the record can still verify', async () => {
    const account = await accounts().create({ email: 'j@example.com', password: 'secret123' });
    expect(JSON.parse(JSON.stringify(account))).toEqual({ id: account.id, email: 'j@example.com' });
    const { inspect } = await import('node:util');
    expect(inspect(account)).not.toContain(account.password);
    expect(inspect(account)).toContain('[hidden]');
    expect(await account.verifyPassword('secret123')).toBe(true);
  });

  it('stores a value that already is a hash as it is (migrated users)', async () => {
    const hash = await hashPassword('migrated-pass');
    const account = await accounts().create({ email: 'm@example.com', password: hash });
    expect(account.password).toBe(hash);
    expect(await account.verifyPassword('migrated-pass')).toBe(true);
  });

  it('verifyAndUpgradePassword stores a fresh hash when the policy grew', async () => {
    const account = await accounts().create({ email: 'u@example.com', password: 'upgrade-me' });
    const old = account.password;
    const before = configurePasswordPolicy({ scheme: 'pbkdf2_sha256', iterations: 2000 });
    try {
      const result = await account.verifyAndUpgradePassword('upgrade-me');
      expect(result.ok).toBe(true);
      expect(result.upgraded).toContain('$2000$');
      const stored = await accounts().require(account.id!);
      expect(stored.password).toBe(result.upgraded);
      expect(stored.password).not.toBe(old);
    } finally {
      configurePasswordPolicy(before);
    }
  });
});
