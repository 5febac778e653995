import 'reflect-metadata';
import { IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'explicit_key_items', unique: ['code'] })
class Item {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 40 }) @IsString() code!: string;
}

/** Keys written by the app itself (upsert by key, getOrCreate by key) never collide with later creates. */
describeEachDialect('Upserts with an explicit autoincrement key', (target) => {
  let db: DatabaseRegistry;
  const items = () => db.manager(Item);

  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Item);
  });
  afterAll(() => db.dispose());
  beforeEach(() => items().deleteWhere({}, { allowFullTable: true }));

  it('a create after an upsert with a chosen key gets a higher key', async () => {
    const first = await items().create({ code: 'first' });
    const chosen = first.id! + 100;
    const upserted = await items().upsert({ id: chosen, code: 'chosen' });
    expect(upserted.id).toBe(chosen);
    const next = await items().create({ code: 'next' });
    expect(next.id).toBeGreaterThan(chosen);
    expect(await items().count()).toBe(3);
  });

  it('a create after a bulk upsert with chosen keys gets a higher key', async () => {
    const base = (await items().create({ code: 'base' })).id!;
    await items().bulkUpsert([
      { id: base + 10, code: 'ten' },
      { id: base + 20, code: 'twenty' },
      { code: 'no-key' },
    ]);
    const next = await items().create({ code: 'after-bulk' });
    expect(next.id).toBeGreaterThan(base + 20);
    expect((await items().filter({}, { orderBy: 'id' })).map((i) => i.code)).toContain(
      'after-bulk',
    );
  });

  it('a create after getOrCreate by a chosen key gets a higher key', async () => {
    const base = (await items().create({ code: 'g-base' })).id!;
    const [made, created] = await items().getOrCreate({
      lookup: { id: base + 50 },
      defaults: { code: 'g-chosen' },
    });
    expect(created).toBe(true);
    expect(made.id).toBe(base + 50);
    expect((await items().create({ code: 'g-next' })).id).toBeGreaterThan(base + 50);
  });

  it('an upsert that updates an older key does not move the next key backwards', async () => {
    const a = await items().create({ code: 'a' });
    const b = await items().create({ code: 'b' });
    await items().upsert({ id: a.id, code: 'a2' });
    const c = await items().create({ code: 'c' });
    expect(c.id).toBeGreaterThan(b.id!);
    expect((await items().require(a.id!)).code).toBe('a2');
  });

  it('keeps the chosen-key upsert and its key bookkeeping inside a rolled-back transaction', async () => {
    const base = (await items().create({ code: 't-base' })).id!;
    await db
      .transaction(async () => {
        await items().upsert({ id: base + 30, code: 't-chosen' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await items().get(base + 30)).toBeNull();
    const next = await items().create({ code: 't-next' });
    expect(next.id).toBeGreaterThan(base);
    expect(await items().count()).toBe(2);
  });
});
