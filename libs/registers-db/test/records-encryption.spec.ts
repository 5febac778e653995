import 'reflect-metadata';
import { IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { ConfigurationError, InvalidQueryError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import { FieldCipher } from '../src/security/encryption';

@Model({ table: 'enc_patients' })
class Patient {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field({ encrypted: true, type: 'text' }) @IsString() ssn!: string;
  @Field({ encrypted: true, type: 'text', nullable: true }) @IsOptional() @IsString() notes?:
    string | null;
}

describeEachDialect('Encrypted fields', (target) => {
  let db: DatabaseRegistry;
  const patients = () => db.manager(Patient);
  const stored = async (id: number) =>
    (
      await patients().rawDicts('SELECT ssn, notes FROM enc_patients WHERE id = :id', { id })
    )[0] as Record<string, any>;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Patient);
    patients().useFieldCipher(new FieldCipher({ key: FieldCipher.generateKey() }));
  });
  afterAll(() => db.dispose());

  it('stores ciphertext and returns plaintext on every read path', async () => {
    const created = await patients().create({ name: 'Ada', ssn: '123-45-6789', notes: null });
    expect(created.ssn).toBe('123-45-6789');
    const raw = await stored(created.id!);
    expect(raw.ssn).toMatch(/^enc:v1:/);
    expect(raw.ssn).not.toContain('123-45-6789');
    expect(raw.notes).toBeNull();
    expect((await patients().require(created.id!)).ssn).toBe('123-45-6789');
    expect((await patients().filter({ name: 'Ada' }))[0].ssn).toBe('123-45-6789');
    expect(await patients().valuesList('ssn', { id: created.id })).toEqual(['123-45-6789']);
  });

  it('re-encrypts on save, update, updateWhere, upsert and bulkCreate', async () => {
    const p = await patients().create({ name: 'Bob', ssn: 'old' });
    p.ssn = 'saved';
    await p.save();
    expect(p.ssn).toBe('saved');
    expect((await stored(p.id!)).ssn).toMatch(/^enc:v1:/);
    await p.update({ notes: 'private note' });
    const [updated] = await patients().updateWhere({ id: p.id }, { ssn: 'updated' });
    expect(updated.ssn).toBe('updated');
    expect(updated.notes).toBe('private note');
    const upserted = await patients().upsert({ id: p.id, name: 'Bob', ssn: 'upserted' });
    expect(upserted.ssn).toBe('upserted');
    const bulk = await patients().bulkCreate([
      { name: 'C', ssn: 'c-ssn' },
      { name: 'D', ssn: 'd-ssn' },
    ]);
    expect(bulk.map((b) => b.ssn)).toEqual(['c-ssn', 'd-ssn']);
    expect((await stored(bulk[1].id!)).ssn).toMatch(/^enc:v1:/);
    expect((await patients().require(bulk[1].id!)).ssn).toBe('d-ssn');
    const raw = JSON.stringify(await db.connection.query('SELECT * FROM enc_patients'));
    for (const secret of ['saved', 'updated', 'upserted', 'private note', 'c-ssn', 'd-ssn'])
      expect(raw).not.toContain(secret);
  });

  it('keeps decrypted values out of JSON', async () => {
    const p = await patients().create({ name: 'Json', ssn: '999-99-9999' });
    expect(JSON.stringify(p)).not.toContain('999-99-9999');
    expect(JSON.parse(JSON.stringify(p))).toEqual({ id: p.id, name: 'Json' });
  });

  it('refuses to filter on an encrypted field', async () => {
    await expect(patients().filter({ ssn: '123-45-6789' } as any)).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
  });

  it('without a cipher or key, writes raise ConfigurationError and write nothing', async () => {
    const other = new DatabaseRegistry({ url: target().url, name: 'nokey' }).register(Patient);
    const saved = process.env.REGISTERS_ENCRYPTION_KEY;
    delete process.env.REGISTERS_ENCRYPTION_KEY;
    try {
      const before = await patients().count();
      await expect(other.manager(Patient).create({ name: 'E', ssn: 'e' })).rejects.toBeInstanceOf(
        ConfigurationError,
      );
      expect(await patients().count()).toBe(before);
    } finally {
      if (saved !== undefined) process.env.REGISTERS_ENCRYPTION_KEY = saved;
      await other.dispose();
    }
  });
});
