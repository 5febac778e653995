import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { DatabaseRegistry } from '../src/registry';

// A full collection on demand, in this process: what V8 does on its own in a long-lived app.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

@Model({ table: 'anchor_items' })
class AnchorItem {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() code!: string;
  @Field() @IsInt() rank!: number;
}

@Model({ table: 'anchor_accounts' })
class AnchorAccount {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() login!: string;
  @Field({ hashPassword: true }) @IsString() password!: string;
}

/** Weak references to the first and last record of a read of many rows, and nothing else. */
async function readWeakly(read: () => Promise<object[]>): Promise<WeakRef<object>[]> {
  const records = await read();
  expect(records.length).toBeGreaterThan(1);
  return [new WeakRef(records[0]), new WeakRef(records[records.length - 1])];
}

/** A weak reference to the record `make` resolves with, and nothing else. */
async function weakly(make: () => Promise<object>): Promise<WeakRef<object>> {
  return new WeakRef(await make());
}

/** Collects garbage once the current job (which keeps weak targets alive) has ended. */
async function collectLater(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
}

/**
 * A model keeps its last read and its last written record alive (the hydrator's and the
 * record-state code stay optimized for their hidden classes), only those, and never one
 * holding secrets.
 */
describeEachDialect('Models keep their last read and last written record', (target) => {
  let db: DatabaseRegistry;

  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(AnchorItem, AnchorAccount);
    await db.createAll();
    await db.manager(AnchorItem).bulkCreate([
      { code: 'a', rank: 1 },
      { code: 'b', rank: 2 },
      { code: 'c', rank: 3 },
    ]);
    for (const login of ['ann', 'bob'])
      await db.manager(AnchorAccount).create({ login, password: `${login}-secret-pass` });
  });
  afterAll(() => db.dispose());

  it('keeps the last record of filter() through a full collection, and lets the others go', async () => {
    const [first, last] = await readWeakly(() =>
      db.manager(AnchorItem).filter({ rank__gte: 1 }, { orderBy: 'rank' }),
    );
    await collectLater();
    expect(first.deref()).toBeUndefined();
    expect(last.deref()).toMatchObject({ code: 'c', rank: 3 });
  });

  it('lets the previous anchor go once a later read replaces it', async () => {
    const [, earlier] = await readWeakly(() => db.manager(AnchorItem).all({ orderBy: 'rank' }));
    const [, later] = await readWeakly(() => db.manager(AnchorItem).all({ orderBy: '-rank' }));
    await collectLater();
    expect(earlier.deref()).toBeUndefined();
    expect(later.deref()).toMatchObject({ code: 'a' });
  });

  it('keeps the record of a read by key', async () => {
    const ref = await weakly(() => db.manager(AnchorItem).require({ code: 'b' }));
    await collectLater();
    expect(ref.deref()).toMatchObject({ code: 'b', rank: 2 });
  });

  it('keeps the last written record apart from the last read one', async () => {
    const firstWritten = await weakly(() =>
      db.manager(AnchorItem).create({ code: 'w1', rank: 10 }),
    );
    const lastWritten = await weakly(() => db.manager(AnchorItem).create({ code: 'w2', rank: 11 }));
    const [, lastRead] = await readWeakly(() => db.manager(AnchorItem).all({ orderBy: 'rank' }));
    await collectLater();
    expect(firstWritten.deref()).toBeUndefined();
    expect(lastWritten.deref()).toMatchObject({ code: 'w2', rank: 11 });
    expect(lastRead.deref()).toMatchObject({ code: 'w2', rank: 11 });
    expect(lastRead.deref()).not.toBe(lastWritten.deref());
    await db.manager(AnchorItem).deleteWhere({ code__in: ['w1', 'w2'] });
  });

  it('keeps no record of a model with password fields', async () => {
    const [first, last] = await readWeakly(() => db.manager(AnchorAccount).all());
    const written = await weakly(() =>
      db.manager(AnchorAccount).create({ login: 'cy', password: 'cy-secret-pass' }),
    );
    await collectLater();
    expect(first.deref()).toBeUndefined();
    expect(last.deref()).toBeUndefined();
    expect(written.deref()).toBeUndefined();
  });
});
