import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { emptyTables } from './support/registry';
import { Field, Model } from '../src/decorators';
import { ForeignKeyViolationError, UniqueConstraintError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'tx_customers', unique: ['email'] })
class Customer {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() email!: string;
}

@Model({ table: 'tx_orders' })
class Order {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'tx_customers.id' }) @IsInt() customerId!: number;
  @Field({ type: 'decimal', precision: 10, scale: 2 }) total!: number;
}

class Abort extends Error {}

describeEachDialect('Transactions through managers', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Customer, Order);
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [Order, Customer]));
  const customers = () => db.manager(Customer);
  const orders = () => db.manager(Order);

  it('joins every manager call, sees its own writes and returns the callback value', async () => {
    const result = await db.transaction(async () => {
      const c = await customers().create({ email: 'a@example.com' });
      await orders().create({ customerId: c.id!, total: 12.5 });
      expect(await customers().count()).toBe(1);
      expect((await orders().require({ customerId: c.id })).total).toBe(12.5);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await orders().count()).toBe(1);
  });

  it('rolls back every model on a throw and rethrows the same error instance', async () => {
    const abort = new Abort('abort');
    const error = await db
      .transaction(async () => {
        const c = await customers().create({ email: 'a@example.com' });
        await orders().bulkCreate([
          { customerId: c.id!, total: 1 },
          { customerId: c.id!, total: 2 },
        ]);
        await customers().updateWhere({ id: c.id }, { email: 'b@example.com' });
        throw abort;
      })
      .catch((e) => e);
    expect(error).toBe(abort);
    expect(await customers().count()).toBe(0);
    expect(await orders().count()).toBe(0);
  });

  it('Manager.transaction rolls back the same way', async () => {
    await expect(
      customers().transaction(async () => {
        await customers().create({ email: 'a@example.com' });
        expect(await customers().count()).toBe(1);
        throw new Abort('rollback');
      }),
    ).rejects.toBeInstanceOf(Abort);
    expect(await customers().count()).toBe(0);
  });

  it('a nested transaction that fails rolls back to its savepoint only', async () => {
    await db.transaction(async () => {
      await customers().create({ email: 'outer@example.com' });
      await db
        .transaction(async () => {
          await customers().create({ email: 'inner@example.com' });
          throw new Abort('inner');
        })
        .catch((e) => expect(e).toBeInstanceOf(Abort));
      await customers().create({ email: 'after@example.com' });
    });
    const emails = (await customers().all({ orderBy: 'email' })).map((c) => c.email);
    expect(emails).toEqual(['after@example.com', 'outer@example.com']);
  });

  it('an integrity error caught inside a transaction leaves the transaction usable', async () => {
    await db.transaction(async () => {
      await customers().create({ email: 'dup@example.com' });
      await expect(
        customers().bulkCreate([{ email: 'new@example.com' }, { email: 'dup@example.com' }]),
      ).rejects.toBeInstanceOf(UniqueConstraintError);
      await expect(orders().create({ customerId: 999999, total: 1 })).rejects.toBeInstanceOf(
        ForeignKeyViolationError,
      );
      await customers().create({ email: 'later@example.com' });
    });
    expect((await customers().all({ orderBy: 'email' })).map((c) => c.email)).toEqual([
      'dup@example.com',
      'later@example.com',
    ]);
  });

  it('keeps two concurrent flows apart: one rolls back, the other commits', async () => {
    const failing = db.transaction(async () => {
      await customers().create({ email: 'loser@example.com' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Abort('loser');
    });
    const succeeding = db.transaction(async () => {
      await customers().create({ email: 'winner@example.com' });
      await new Promise((resolve) => setTimeout(resolve, 5));
      return customers().count({ email: 'winner@example.com' });
    });
    const [lost, won] = await Promise.allSettled([failing, succeeding]);
    expect(lost.status).toBe('rejected');
    expect(won).toEqual({ status: 'fulfilled', value: 1 });
    expect((await customers().all()).map((c) => c.email)).toEqual(['winner@example.com']);
  });

  it('work started outside the callback does not join it', async () => {
    const outside = customers().create({ email: 'outside@example.com' });
    await db
      .transaction(async () => {
        await customers().create({ email: 'inside@example.com' });
        throw new Abort('x');
      })
      .catch(() => undefined);
    await outside;
    expect((await customers().all()).map((c) => c.email)).toEqual(['outside@example.com']);
  });
});
