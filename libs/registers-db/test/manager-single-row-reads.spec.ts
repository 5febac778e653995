import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { InvalidQueryError, RecordNotFoundError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'one_row_items', softDelete: true })
class Item {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field() @IsInt() rank!: number;
}

/** The single-row read paths (get, require, first, last, exists, count) against filter(). */
describeEachDialect('Manager single-row reads', (target) => {
  let db: DatabaseRegistry;
  const items = () => db.manager(Item);

  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Item);
    await items().bulkCreate([
      { name: 'b', rank: 2 },
      { name: 'a', rank: 3 },
      { name: 'c', rank: 1 },
      { name: 'gone', rank: 0 },
    ]);
    const gone = await items().require({ name: 'gone' });
    await items().delete(gone.id!);
  });
  afterAll(() => db.dispose());

  it('get by key and by where return the record filter returns', async () => {
    const [b] = await items().filter({ name: 'b' });
    expect(await items().get(b.id!)).toEqual(b);
    expect(await items().get({ name: 'b' })).toEqual(b);
    expect(await items().get({ name: 'missing' })).toBeNull();
    expect(await items().get(999999)).toBeNull();
  });

  it('leaves soft-deleted rows out of get, exists and count as filter does', async () => {
    const [gone] = await items().filter({ name: 'gone' }, { includeDeleted: true });
    expect(gone.name).toBe('gone');
    expect(await items().get(gone.id!)).toBeNull();
    expect(await items().exists({ name: 'gone' })).toBe(false);
    expect(await items().count()).toBe((await items().filter()).length);
    expect(await items().count()).toBe(3);
  });

  it('first and last match the ends of the ordered filter, with and without options', async () => {
    const byKey = await items().filter(undefined, { orderBy: 'id' });
    expect(await items().first()).toEqual(byKey[0]);
    expect(await items().last()).toEqual(byKey[byKey.length - 1]);
    const byRank = await items().filter(undefined, { orderBy: 'rank' });
    expect(await items().first(undefined, { orderBy: 'rank' })).toEqual(byRank[0]);
    expect(await items().last(undefined, { orderBy: 'rank' })).toEqual(byRank[byRank.length - 1]);
    expect(await items().first({ rank__gt: 100 })).toBeNull();
  });

  it('first refuses bad options as before', async () => {
    await expect(items().first(undefined, { orderBy: 'nope' as any })).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
  });

  it('exists and count agree with filter for a condition', async () => {
    expect(await items().exists({ rank__gte: 2 })).toBe(true);
    expect(await items().count({ rank__gte: 2 })).toBe(
      (await items().filter({ rank__gte: 2 })).length,
    );
    expect(await items().exists({ rank__gt: 100 })).toBe(false);
    expect(await items().count({ rank__gt: 100 })).toBe(0);
  });

  it('require raises RecordNotFoundError naming the key or the filter fields', async () => {
    const byKey = await items()
      .require(424242)
      .catch((e) => e);
    expect(byKey).toBeInstanceOf(RecordNotFoundError);
    expect(byKey.context).toMatchObject({ operation: 'require', key: 424242 });
    const byWhere = await items()
      .require({ name: 'missing' })
      .catch((e) => e);
    expect(byWhere).toBeInstanceOf(RecordNotFoundError);
    expect(byWhere.context).toMatchObject({ operation: 'require', fields: ['name'] });
  });

  it('refuses keys that are not safe integers before reaching the database', async () => {
    for (const bad of ['1', 1.5, null, undefined, Number.NaN, 2 ** 53, {}.toString()]) {
      const error = await items()
        .get(bad as any)
        .catch((e) => e);
      expect(error).toBeInstanceOf(InvalidQueryError);
      expect(error.context).toMatchObject({ operation: 'get', field: 'id' });
      await expect(items().delete(bad as any)).rejects.toBeInstanceOf(InvalidQueryError);
    }
    expect(await items().get(0)).toBeNull();
    expect(await items().get(-1)).toBeNull();
  });

  it('reads one record with one statement', async () => {
    const [a] = await items().filter({ name: 'a' });
    const seen: string[] = [];
    const stop = items().connection.onStatement((sql) => seen.push(sql));
    try {
      await items().get(a.id!);
      await items().require({ name: 'a' });
      await items().count();
      await items().exists();
    } finally {
      stop();
    }
    expect(seen).toHaveLength(4);
  });
});
