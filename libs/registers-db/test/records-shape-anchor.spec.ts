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

/** Collects garbage once the current job (which keeps weak targets alive) has ended. */
async function collectLater(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
}

/**
 * A read of many rows keeps its last record alive (record-state and hydrator code stays
 * optimized for its hidden class), and only that record, and never one holding secrets.
 */
describeEachDialect('Reads of many rows keep one record as the shape anchor', (target) => {
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

  it('keeps no record of a model with password fields', async () => {
    const [first, last] = await readWeakly(() => db.manager(AnchorAccount).all());
    await collectLater();
    expect(first.deref()).toBeUndefined();
    expect(last.deref()).toBeUndefined();
  });
});
