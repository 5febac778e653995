import 'reflect-metadata';
import { IsEmail, IsInt, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { emptyTables } from './support/registry';
import { Field, Model } from '../src/decorators';
import { InvalidQueryError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'ups_accounts', unique: ['email'] })
class Account {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsEmail() email!: string;
  @Field() @IsString() name!: string;
  @Field({ nullable: true }) @IsOptional() @IsInt() visits?: number | null;
}

@Model({ table: 'ups_settings' })
class Setting {
  @Field({ id: 'manual' }) @IsString() id!: string;
  @Field() @IsString() value!: string;
}

@Model({ table: 'ups_pages', unique: [['site', 'slug']] })
class Page {
  @Field({ id: 'uuid4' }) id?: string;
  @Field() @IsString() site!: string;
  @Field() @IsString() slug!: string;
  @Field() @IsString() title!: string;
}

@Model({ table: 'ups_notes' })
class Note {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() text!: string;
}

describeEachDialect('Upsert resolution', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Account, Setting, Page, Note);
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [Account, Setting, Page, Note]));

  it('inserts when the key is new and updates the same row when the key exists', async () => {
    const settings = db.manager(Setting);
    const created = await settings.upsert({ id: 'theme', value: 'dark' });
    expect(created).toBeInstanceOf(Setting);
    const updated = await settings.upsert({ id: 'theme', value: 'light' });
    expect(updated.value).toBe('light');
    expect(await settings.count()).toBe(1);
    expect((await settings.require('theme')).value).toBe('light');
  });

  it('without a key, resolves the conflict on the unique field and keeps the row id', async () => {
    const accounts = db.manager(Account);
    const alice = await accounts.create({ email: 'alice@example.com', name: 'Alice', visits: 3 });
    const upserted = await accounts.upsert({ email: 'alice@example.com', name: 'Alicia' });
    expect(upserted.id).toBe(alice.id);
    expect(upserted.name).toBe('Alicia');
    // Fields absent from the data are left as they were.
    expect(upserted.visits).toBe(3);
    expect(await accounts.count()).toBe(1);
  });

  it('overwrites exactly the fields each call gives, whatever the previous calls gave', async () => {
    const accounts = db.manager(Account);
    const email = 'bob@example.com';
    await accounts.upsert({ email, name: 'Bob', visits: 1 });
    await accounts.upsert({ email, name: 'Bobby' });
    expect(await accounts.require({ email })).toMatchObject({ name: 'Bobby', visits: 1 });
    await accounts.upsert({ email, name: 'Bobby', visits: null });
    expect((await accounts.require({ email })).visits).toBeNull();
    await accounts.upsert({ visits: 7, name: 'Robert', email });
    expect(await accounts.require({ email })).toMatchObject({ name: 'Robert', visits: 7 });
    await accounts.upsert({ email, name: 'Rob' });
    expect(await accounts.require({ email })).toMatchObject({ name: 'Rob', visits: 7 });
    expect(await accounts.count()).toBe(1);
  });

  it('updates by key when an autoincrement key is given', async () => {
    const accounts = db.manager(Account);
    const alice = await accounts.create({ email: 'alice@example.com', name: 'Alice' });
    const upserted = await accounts.upsert({
      id: alice.id,
      email: 'alice@example.com',
      name: 'By key',
    });
    expect(upserted.id).toBe(alice.id);
    expect((await accounts.require(alice.id!)).name).toBe('By key');
  });

  it('resolves a composite unique group and keeps the generated uuid of the first insert', async () => {
    const pages = db.manager(Page);
    const first = await pages.upsert({ site: 'a', slug: 'home', title: 'Home' });
    const second = await pages.upsert({ site: 'a', slug: 'home', title: 'Welcome' });
    const other = await pages.upsert({ site: 'b', slug: 'home', title: 'B home' });
    expect(second.id).toBe(first.id);
    expect(second.title).toBe('Welcome');
    expect(other.id).not.toBe(first.id);
    expect(await pages.count()).toBe(2);
  });

  it('is a plain insert when the model has neither key data nor unique fields', async () => {
    const notes = db.manager(Note);
    await notes.upsert({ text: 'one' });
    await notes.upsert({ text: 'one' });
    expect(await notes.count()).toBe(2);
  });

  it('accepts a record and writes its changes', async () => {
    const settings = db.manager(Setting);
    const record = await settings.create({ id: 'lang', value: 'en' });
    record.value = 'fr';
    const upserted = await settings.upsert(record);
    expect(upserted.value).toBe('fr');
    expect((await settings.require('lang')).value).toBe('fr');
  });

  it('never duplicates a unique key under 20 concurrent upserts', async () => {
    const accounts = db.manager(Account);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        accounts.upsert({ email: 'race@example.com', name: `writer-${i}` }),
      ),
    );
    expect(await accounts.count({ email: 'race@example.com' })).toBe(1);
    const ids = new Set(results.map((r) => r.id));
    expect(ids.size).toBe(1);
    const final = await accounts.require({ email: 'race@example.com' });
    expect(results.map((r) => r.name)).toContain(final.name);
  });

  it('converges 100 concurrent upserts over 10 keys to 10 rows', async () => {
    const accounts = db.manager(Account);
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        accounts.upsert({ email: `user${i % 10}@example.com`, name: `n${i}` }),
      ),
    );
    const all = await accounts.all({ orderBy: 'email' });
    expect(all.map((a) => a.email)).toEqual(
      Array.from({ length: 10 }, (_, i) => `user${i}@example.com`),
    );
  });

  describe('getOrCreate / updateOrCreate', () => {
    it('getOrCreate creates once, then returns the existing record', async () => {
      const accounts = db.manager(Account);
      const [created, wasCreated] = await accounts.getOrCreate({
        lookup: { email: 'x@example.com' },
        defaults: { name: 'X' },
      });
      expect(wasCreated).toBe(true);
      const [again, createdAgain] = await accounts.getOrCreate({
        lookup: { email: 'x@example.com' },
        defaults: { name: 'Ignored' },
      });
      expect(createdAgain).toBe(false);
      expect(again.id).toBe(created.id);
      expect(again.name).toBe('X');
    });

    it('updateOrCreate creates, then updates the defaults on the found record', async () => {
      const accounts = db.manager(Account);
      const [created, wasCreated] = await accounts.updateOrCreate({
        lookup: { email: 'y@example.com' },
        defaults: { name: 'Y', visits: 1 },
      });
      expect(wasCreated).toBe(true);
      const [updated, createdAgain] = await accounts.updateOrCreate({
        lookup: { email: 'y@example.com' },
        defaults: { visits: 2 },
      });
      expect(createdAgain).toBe(false);
      expect(updated.id).toBe(created.id);
      expect((await accounts.require(created.id!)).visits).toBe(2);
    });

    it('accepts the key as a lookup', async () => {
      const [setting, created] = await db
        .manager(Setting)
        .getOrCreate({ lookup: { id: 'k' }, defaults: { value: 'v' } });
      expect(created).toBe(true);
      expect(setting.id).toBe('k');
    });

    it('refuses lookups that are not the key or a unique field set', async () => {
      const accounts = db.manager(Account);
      await expect(accounts.getOrCreate({ lookup: { name: 'Alice' } })).rejects.toBeInstanceOf(
        InvalidQueryError,
      );
      await expect(
        accounts.updateOrCreate({ lookup: { email: 'a@example.com', name: 'A' } }),
      ).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(db.manager(Page).getOrCreate({ lookup: { site: 'a' } })).rejects.toBeInstanceOf(
        InvalidQueryError,
      );
      expect(await accounts.count()).toBe(0);
    });

    it('concurrent getOrCreate calls on one lookup create exactly one record', async () => {
      const accounts = db.manager(Account);
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          accounts.getOrCreate({
            lookup: { email: 'once@example.com' },
            defaults: { name: 'Once' },
          }),
        ),
      );
      expect(results.filter(([, created]) => created)).toHaveLength(1);
      expect(new Set(results.map(([r]) => r.id)).size).toBe(1);
      expect(await accounts.count()).toBe(1);
    });
  });
});
