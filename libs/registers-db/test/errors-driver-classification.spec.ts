import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import {
  DatabaseBusyError,
  DatabaseError,
  SchemaError,
  ValidationError,
  type RegistryError,
} from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'drv_stock' })
class Stock {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 8 }) @IsString() code!: string;
  /** Stored under another name, so that a refused column must be mapped back to this field. */
  @Field({ column: 'qty_on_hand' }) @IsInt() quantity!: number;
}

/** Created while another connection holds the write lock (SQLite). */
@Model({ table: 'drv_late' })
class Late {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() label!: string;
}

/** A value no 32-bit integer column takes; its digits must never reach an error. */
const TOO_BIG = 2 ** 40;
const SECRET_CODE = 'secret-code-value';

function expectBusy(error: RegistryError, operation: string): void {
  expect(error).toBeInstanceOf(DatabaseBusyError);
  expect(error).toBeInstanceOf(DatabaseError);
  expect(error).not.toBeInstanceOf(SchemaError);
  expect((error as DatabaseBusyError).retryable).toBe(true);
  expect(error.context.operation).toBe(operation);
  expect(error.context.retryable).toBe(true);
  expect(typeof error.context.waitedMs).toBe('number');
  expect(error.context.waitedMs as number).toBeGreaterThanOrEqual(0);
  expect(error.message).toContain('busy');
  expect(error.cause).toBeDefined();
}

describeEachDialect('Driver errors by kind', (target) => {
  let holder: DatabaseRegistry;
  let waiter: DatabaseRegistry;
  let held: Stock;

  beforeAll(async () => {
    const { dialect, url } = target();
    holder = new DatabaseRegistry({ url }).register(Stock);
    await holder.createAll();
    // SQLite: a short busy timeout, so that waiting for the holder's lock ends soon.
    waiter = new DatabaseRegistry({
      url,
      ...(dialect === 'sqlite' ? { typeorm: { extra: { timeout: 100 } } } : {}),
    }).register(Stock);
    held = await holder.manager(Stock).create({ code: 'held', quantity: 1 });
    await waiter.manager(Stock).count();
  });

  afterAll(async () => {
    await waiter?.dispose();
    await holder?.dispose();
  });

  /** Runs `wait` while the holder's open transaction has changed (and locked) the held row. */
  async function whileLocked<R>(wait: () => Promise<R>): Promise<R> {
    return holder.transaction(async () => {
      await holder.manager(Stock).updateWhere({ id: held.id }, { quantity: 2 });
      return wait();
    });
  }

  /** A write of the waiter that meets the holder's lock, under the dialect's short wait. */
  function lockedWrite(): Promise<RegistryError> {
    const write = () => waiter.manager(Stock).updateWhere({ id: held.id }, { code: 'waiter' });
    const { dialect } = target();
    if (dialect === 'sqlite') return write().catch((e) => e);
    return waiter
      .transaction(async () => {
        await waiter.connection.execute(
          dialect === 'postgres'
            ? "SET LOCAL lock_timeout = '100ms'"
            : 'SET SESSION innodb_lock_wait_timeout = 1',
        );
        return write();
      })
      .catch((e) => e);
  }

  it('reports a write that waited out a lock as a retryable DatabaseBusyError', async () => {
    const error = await whileLocked(lockedWrite);
    expectBusy(error, 'updateWhere');
    expect(error.context).toMatchObject({ model: 'Stock', table: 'drv_stock' });
    expect(error.context.reason).toBe(target().dialect === 'sqlite' ? 'busy' : 'lock-timeout');
    expect(JSON.stringify(error)).not.toContain('waiter');
    // The holder's change committed; the waiter's never reached the row.
    const row = await holder.manager(Stock).require(held.id!);
    expect(row).toMatchObject({ code: 'held', quantity: 2 });
  });

  it('reports a value out of range for the column as a ValidationError', async () => {
    const error = await waiter
      .manager(Stock)
      .executeRaw('INSERT INTO drv_stock (code, qty_on_hand) VALUES (:code, :quantity)', {
        code: 'big',
        quantity: TOO_BIG,
      })
      .catch((e) => e);
    if (target().dialect === 'sqlite') {
      // SQLite stores any integer up to 64 bits as given: nothing to refuse.
      expect(error).toBe(1);
      await waiter.manager(Stock).deleteWhere({ code: 'big' });
      return;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).not.toBeInstanceOf(SchemaError);
    // MariaDB names the column (mapped back to the field); PostgreSQL does not.
    const field = target().dialect === 'mariadb' ? 'quantity' : '(row)';
    expect(error.issues).toEqual([{ field, messages: [expect.stringContaining('out of range')] }]);
    expect(error.context).toMatchObject({
      model: 'Stock',
      table: 'drv_stock',
      operation: 'executeRaw',
      field,
      problem: 'out-of-range',
    });
    expect(error.message).toContain(`value of ${field}`);
    expect(JSON.stringify(error)).not.toContain(String(TOO_BIG));
    expect(error.cause).toBeDefined();
    expect(await waiter.manager(Stock).count({ code: 'big' })).toBe(0);
  });

  it('reports text too long for its column as a ValidationError naming the field', async () => {
    const error = await waiter
      .manager(Stock)
      .executeRaw('UPDATE drv_stock SET code = :code WHERE id = :id', {
        code: SECRET_CODE,
        id: held.id,
      })
      .catch((e) => e);
    if (target().dialect === 'sqlite') {
      // SQLite does not enforce a declared length: the value is stored as given.
      expect(error).toBe(1);
      await waiter.manager(Stock).updateWhere({ id: held.id }, { code: 'held' });
      return;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const field = target().dialect === 'mariadb' ? 'code' : '(row)';
    expect(error.context).toMatchObject({ operation: 'executeRaw', field, problem: 'too-long' });
    expect(error.issues[0].messages[0]).toContain('too long');
    expect(JSON.stringify(error)).not.toContain(SECRET_CODE);
    expect((await waiter.manager(Stock).require(held.id!)).code).toBe('held');
  });

  it('reports a value of the wrong kind for the column as a ValidationError', async () => {
    const error = await waiter
      .manager(Stock)
      .executeRaw('UPDATE drv_stock SET qty_on_hand = :quantity WHERE id = :id', {
        quantity: SECRET_CODE,
        id: held.id,
      })
      .catch((e) => e);
    if (target().dialect === 'sqlite') {
      // SQLite keeps text that does not look like a number as text.
      expect(error).toBe(1);
      await waiter.manager(Stock).updateWhere({ id: held.id }, { quantity: 2 });
      return;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const field = target().dialect === 'mariadb' ? 'quantity' : '(row)';
    expect(error.context).toMatchObject({
      operation: 'executeRaw',
      field,
      problem: 'invalid-value',
    });
    expect(JSON.stringify(error)).not.toContain(SECRET_CODE);
    expect((await waiter.manager(Stock).require(held.id!)).quantity).toBe(2);
  });

  it('refuses a bulk write with an out-of-range row before any SQL, naming the row', async () => {
    const before = await waiter.manager(Stock).count();
    const error = await waiter
      .manager(Stock)
      .bulkCreate([
        { code: 'ok-1', quantity: 1 },
        { code: 'ok-2', quantity: 2 },
        { code: 'big', quantity: TOO_BIG },
      ])
      .catch((e) => e);
    // The boundary's integer range holds on SQLite too, whose column would take the value.
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.context).toMatchObject({ operation: 'bulkCreate', rowIndex: 2 });
    expect(error.issues.map((i: { field: string }) => i.field)).toEqual(['quantity']);
    expect(await waiter.manager(Stock).count()).toBe(before);
  });

  it('keeps an unknown driver error a DatabaseError with the driver error as cause', async () => {
    const error = await waiter
      .manager(Stock)
      .rawDicts('SELECT no_such_column FROM drv_stock')
      .catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).not.toBeInstanceOf(DatabaseBusyError);
    expect(error).not.toBeInstanceOf(SchemaError);
    expect(error.context).toMatchObject({ model: 'Stock', operation: 'rawDicts' });
    expect(error.context.driverCode).toEqual(expect.any(String));
    expect(error.cause).toBeDefined();
  });
});

describeEachDialect(
  'Driver errors by kind: SQLite busy outside a statement of a model',
  (target) => {
    let holder: DatabaseRegistry;
    let waiter: DatabaseRegistry;
    let late: DatabaseRegistry;

    beforeAll(async () => {
      holder = new DatabaseRegistry({ url: target().url }).register(Stock);
      await holder.createAll();
      const short = { url: target().url, typeorm: { extra: { timeout: 50 } } };
      waiter = new DatabaseRegistry(short).register(Stock);
      late = new DatabaseRegistry(short).register(Late);
    });

    afterAll(async () => {
      await late?.dispose();
      await waiter?.dispose();
      await holder?.dispose();
    });

    it('reports a transaction that cannot begin as a DatabaseBusyError', async () => {
      const { count, error } = await holder.transaction(async () => {
        await holder.manager(Stock).create({ code: 'in-tx', quantity: 1 });
        const failed = await waiter
          .transaction(() => waiter.connection.execute('SELECT 1'))
          .catch((e) => e);
        return { count: await holder.manager(Stock).count(), error: failed };
      });
      expectBusy(error, 'begin');
      expect(error.context.reason).toBe('busy');
      expect(error.message).toMatch(/^transaction\.begin: /);
      expect(count).toBe(1);
    });

    it('reports a table that cannot be created yet as busy, not as a SchemaError', async () => {
      const error = await holder.transaction(async () => {
        await holder.manager(Stock).create({ code: 'again', quantity: 1 });
        return late
          .manager(Late)
          .create({ label: 'late' })
          .catch((e) => e);
      });
      // The first write creates the table first: that is where the wait ended.
      expectBusy(error, 'createSchema');
      expect(error.context).toMatchObject({ model: 'Late', table: 'drv_late' });
      expect(
        await late.connection.query("SELECT name FROM sqlite_master WHERE name = 'drv_late'"),
      ).toEqual([]);
      // Once the lock is gone the same call creates the table and writes.
      await expect(late.manager(Late).create({ label: 'late' })).resolves.toMatchObject({
        label: 'late',
      });
    });
  },
  { only: ['sqlite'] },
);

describeEachDialect(
  'Driver errors by kind: PostgreSQL statement timeout',
  (target) => {
    let db: DatabaseRegistry;
    beforeAll(async () => {
      db = new DatabaseRegistry({ url: target().url }).register(Stock);
      await db.createAll();
    });
    afterAll(() => db?.dispose());

    it('reports a statement cancelled by statement_timeout as busy (statement-timeout)', async () => {
      const error = await db
        .transaction(async () => {
          await db.connection.execute("SET LOCAL statement_timeout = '50ms'");
          return db.manager(Stock).rawDicts('SELECT pg_sleep(5) AS slept');
        })
        .catch((e) => e);
      expectBusy(error, 'rawDicts');
      expect(error.context.reason).toBe('statement-timeout');
      expect(error.context.driverCode).toBe('57014');
    });
  },
  { only: ['postgres'] },
);

describeEachDialect(
  'Driver errors by kind: deadlocks',
  (target) => {
    let one: DatabaseRegistry;
    let two: DatabaseRegistry;
    beforeAll(async () => {
      one = new DatabaseRegistry({ url: target().url }).register(Stock);
      await one.createAll();
      two = new DatabaseRegistry({ url: target().url }).register(Stock);
    });
    afterAll(async () => {
      await two?.dispose();
      await one?.dispose();
    });

    it('reports the transaction the server rolled back as busy (deadlock)', async () => {
      const a = await one.manager(Stock).create({ code: 'a', quantity: 0 });
      const b = await one.manager(Stock).create({ code: 'b', quantity: 0 });
      let lockedA!: () => void;
      let lockedB!: () => void;
      const aLocked = new Promise<void>((resolve) => (lockedA = resolve));
      const bLocked = new Promise<void>((resolve) => (lockedB = resolve));
      // Each transaction locks one row, then asks for the other's: one of them must lose.
      const crossed = (db: DatabaseRegistry, first: Stock, second: Stock, quantity: number) =>
        db.transaction(async () => {
          await db.manager(Stock).updateWhere({ id: first.id }, { quantity });
          (first === a ? lockedA : lockedB)();
          await (first === a ? bLocked : aLocked);
          await db.manager(Stock).updateWhere({ id: second.id }, { quantity });
        });
      const outcomes = await Promise.all([
        crossed(one, a, b, 1).then(
          () => 1,
          (e) => e,
        ),
        crossed(two, b, a, 2).then(
          () => 2,
          (e) => e,
        ),
      ]);
      const failed = outcomes.filter((o) => typeof o !== 'number');
      const won = outcomes.find((o) => typeof o === 'number');
      expect(failed).toHaveLength(1);
      expectBusy(failed[0], 'updateWhere');
      expect(failed[0].context.reason).toBe('deadlock');
      expect(failed[0].message).toContain('retry the whole transaction');
      // Only the winner's writes are in the table.
      const rows = await one.manager(Stock).filter({ id__in: [a.id!, b.id!] });
      expect(rows.map((r) => r.quantity)).toEqual([won, won]);
    });
  },
  { only: ['postgres', 'mariadb'] },
);
