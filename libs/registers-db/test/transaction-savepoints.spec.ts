import 'reflect-metadata';
import { IsString } from 'class-validator';
import { Client } from 'pg';
import { describeEachDialect, type DialectTarget } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { UniqueConstraintError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'sp_tags', unique: ['name'] })
class Tag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

/**
 * Writes inside a transaction take a savepoint each (so a failed one leaves the transaction
 * usable, as on every dialect). On PostgreSQL a savepoint that ended well is released with
 * the next one, in one round trip; these checks hold the outcome to what separate releases
 * would give, through failures, nested transactions and rollbacks.
 */
/** A registry of Tag on the suite's database for one describe block, emptied before each test. */
function tagRegistry(target: () => DialectTarget) {
  let db!: DatabaseRegistry;
  const tags = () => db.manager(Tag);
  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Tag);
    await db.createAll();
  });
  afterAll(() => db.dispose());
  beforeEach(() => tags().truncate());
  return {
    db: () => db,
    tags,
    names: async () => (await tags().filter({}, { orderBy: 'name' })).map((t) => t.name),
  };
}

describeEachDialect('savepoints of writes inside a transaction', (target) => {
  const { db, tags, names } = tagRegistry(target);

  it('keeps every write that succeeded around failed writes and rolled-back nested transactions', async () => {
    await db().transaction(async () => {
      await tags().create({ name: 'a' });
      await expect(tags().create({ name: 'a' })).rejects.toBeInstanceOf(UniqueConstraintError);
      await tags().bulkCreate([{ name: 'b' }, { name: 'c' }]);
      await expect(
        db().transaction(async () => {
          await tags().create({ name: 'gone' });
          await tags().create({ name: 'gone too' });
          throw new Error('undo the nested one');
        }),
      ).rejects.toThrow('undo the nested one');
      await db().transaction(async () => {
        await tags().create({ name: 'd' });
        await expect(tags().create({ name: 'b' })).rejects.toBeInstanceOf(UniqueConstraintError);
        await db().transaction(() => tags().create({ name: 'e' }));
      });
      await tags().upsert({ name: 'f' });
      expect(await tags().count()).toBe(6);
    });
    expect(await names()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('rolls back everything, deferred releases included, when the transaction fails', async () => {
    await tags().create({ name: 'kept' });
    await expect(
      db().transaction(async () => {
        await tags().create({ name: 'x' });
        await db().transaction(() => tags().create({ name: 'y' }));
        await (await tags().require({ name: 'kept' })).update({ name: 'renamed' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await names()).toEqual(['kept']);
  });
});

describeEachDialect(
  'PostgreSQL savepoint round trips',
  (target) => {
    const { db, tags, names } = tagRegistry(target);

    it('releases a savepoint with the next one instead of in a round trip of its own', async () => {
      const sent: string[] = [];
      const original = Client.prototype.query;
      const query = jest.spyOn(Client.prototype, 'query').mockImplementation(function (
        this: Client,
        ...args: unknown[]
      ) {
        const first = args[0] as string | { text?: string };
        const text = typeof first === 'string' ? first : first?.text;
        if (text?.includes('SAVEPOINT')) sent.push(text);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as never);
      try {
        await db().transaction(async () => {
          await tags().create({ name: 'one' });
          await tags().create({ name: 'two' });
          await expect(tags().create({ name: 'one' })).rejects.toBeInstanceOf(
            UniqueConstraintError,
          );
          await tags().create({ name: 'three' });
        });
      } finally {
        query.mockRestore();
      }
      expect(sent.map((sql) => sql.replace(/registers_sp_\d+/g, 'sp'))).toEqual([
        'SAVEPOINT sp',
        'RELEASE SAVEPOINT sp; SAVEPOINT sp',
        'RELEASE SAVEPOINT sp; SAVEPOINT sp',
        'ROLLBACK TO SAVEPOINT sp; RELEASE SAVEPOINT sp',
        'SAVEPOINT sp',
      ]);
      expect(await names()).toEqual(['one', 'three', 'two']);
    });
  },
  { only: ['postgres'] },
);
