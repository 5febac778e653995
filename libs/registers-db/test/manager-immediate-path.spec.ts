import 'reflect-metadata';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsInt, IsString, Min, registerDecorator, ValidationArguments } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { DatabaseConnection } from '../src/connection';
import { Field, Model } from '../src/decorators';
import {
  InvalidQueryError,
  RecordNotFoundError,
  SchemaError,
  UniqueConstraintError,
  ValidationError,
} from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import { assertQueryCount } from '../src/testing';

@Model({ table: 'now_items', unique: ['code'] })
class NowItem {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() code!: string;
  @Field() @IsInt() @Min(0) rank!: number;
}

/** Resolves on a later turn of the event loop, as a rule that asks a service would. */
function IsKnownCodeLater() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isKnownCodeLater',
      target: target.constructor,
      propertyName,
      async: true,
      options: { message: '$property is not a known code' },
      validator: {
        validate: (value: unknown, _args: ValidationArguments) =>
          new Promise<boolean>((resolve) =>
            setImmediate(() => resolve(typeof value === 'string' && value.startsWith('ok-'))),
          ),
      },
    });
}

@Model({ table: 'now_checked_items' })
class CheckedItem {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() @IsKnownCodeLater() code!: string;
}

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * On SQLite, create/get/require settle in one step when nothing holds the database (the
 * immediate path). These checks hold the results and errors of that path against the
 * waiting path, which every dialect takes when the database is busy or a listener is on.
 */
describeEachDialect('Manager single-row operations on the immediate path', (target) => {
  let db: DatabaseRegistry;
  const items = () => db.manager(NowItem);
  /** Runs `fn` on the waiting path: a statement listener turns the immediate path off. */
  const waiting = async <R>(fn: () => Promise<R>): Promise<R> => {
    const stop = db.connection.onStatement(() => undefined);
    try {
      return await fn();
    } finally {
      stop();
    }
  };

  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(NowItem, CheckedItem);
    await db.createAll();
  });
  afterAll(() => db.dispose());
  beforeEach(() => items().truncate());

  it('is offered on SQLite only, and only while no listener is attached', async () => {
    await items().count();
    const offered = db.connection.immediate() !== undefined;
    expect(offered).toBe(target().dialect === 'sqlite');
    const stop = db.connection.onStatement(() => undefined);
    expect(db.connection.immediate()).toBeUndefined();
    stop();
  });

  it('creates records equal in shape and state to those of the waiting path', async () => {
    const fast = await items().create({ code: 'fast', rank: 1 });
    const slow = await waiting(() => items().create({ code: 'slow', rank: 2 }));
    for (const record of [fast, slow]) {
      expect(record).toBeInstanceOf(NowItem);
      expect(Number.isSafeInteger(record.id)).toBe(true);
      expect(Object.keys(record).sort()).toEqual(['code', 'id', 'rank']);
      expect(await items().require(record.id!)).toEqual(record);
    }
    fast.rank = 5;
    await fast.save();
    expect((await items().require(fast.id!)).rank).toBe(5);
  });

  it('reads the same record by key on both paths, and null or not-found for a missing key', async () => {
    const made = await items().create({ code: 'read-me', rank: 3 });
    const fast = await items().get(made.id!);
    const slow = await waiting(() => items().get(made.id!));
    expect(fast).toEqual(slow);
    expect(fast).toBeInstanceOf(NowItem);
    expect(await items().get(987654)).toBeNull();
    const fastMiss = await items()
      .require(987654)
      .catch((e) => e);
    const slowMiss = await waiting(() =>
      items()
        .require(987654)
        .catch((e) => e),
    );
    expect(fastMiss).toBeInstanceOf(RecordNotFoundError);
    expect(fastMiss.message).toBe(slowMiss.message);
    expect(fastMiss.context).toEqual(slowMiss.context);
  });

  it('refuses a malformed key with the same InvalidQueryError on both paths', async () => {
    const fast = await items()
      .require('1; DROP TABLE now_items' as never)
      .catch((e) => e);
    const slow = await waiting(() =>
      items()
        .require('x' as never)
        .catch((e) => e),
    );
    expect(fast).toBeInstanceOf(InvalidQueryError);
    expect(slow).toBeInstanceOf(InvalidQueryError);
    expect(fast.context).toEqual(slow.context);
    expect(await items().count()).toBe(0);
  });

  it('raises the same validation and unique errors on both paths and writes nothing more', async () => {
    const fastInvalid = await items()
      .create({ code: 'v', rank: -1 })
      .catch((e) => e);
    const slowInvalid = await waiting(() =>
      items()
        .create({ code: 'v', rank: -1 })
        .catch((e) => e),
    );
    expect(fastInvalid).toBeInstanceOf(ValidationError);
    expect(fastInvalid.message).toBe(slowInvalid.message);
    expect(fastInvalid.context).toEqual(slowInvalid.context);

    await items().create({ code: 'taken', rank: 1 });
    const fastDuplicate = await items()
      .create({ code: 'taken', rank: 2 })
      .catch((e) => e);
    const slowDuplicate = await waiting(() =>
      items()
        .create({ code: 'taken', rank: 3 })
        .catch((e) => e),
    );
    expect(fastDuplicate).toBeInstanceOf(UniqueConstraintError);
    expect(fastDuplicate.message).toBe(slowDuplicate.message);
    expect(fastDuplicate.context).toEqual(slowDuplicate.context);
    expect(await items().count()).toBe(1);
  });

  it('upserts to the same record and state on both paths, by unique field and by key', async () => {
    const fastNew = await items().upsert({ code: 'u1', rank: 1 });
    const slowNew = await waiting(() => items().upsert({ code: 'u2', rank: 2 }));
    const fastHit = await items().upsert({ code: 'u2', rank: 20 });
    const slowHit = await waiting(() => items().upsert({ code: 'u1', rank: 10 }));
    expect(fastHit.id).toBe(slowNew.id);
    expect(slowHit.id).toBe(fastNew.id);
    for (const record of [fastNew, slowNew, fastHit, slowHit]) {
      expect(record).toBeInstanceOf(NowItem);
      expect(Object.keys(record).sort()).toEqual(['code', 'id', 'rank']);
    }
    expect(await items().require(fastHit.id!)).toEqual(fastHit);
    expect((await items().filter({}, { orderBy: 'code' })).map((r) => [r.code, r.rank])).toEqual([
      ['u1', 10],
      ['u2', 20],
    ]);
    const byKey = await items().upsert({ id: fastNew.id, code: 'u1', rank: 11 });
    expect(byKey).toEqual({ id: fastNew.id, code: 'u1', rank: 11 });
    fastHit.rank = 21;
    await fastHit.save();
    expect((await items().require(fastHit.id!)).rank).toBe(21);
  });

  it('refuses an invalid upsert with the same error on both paths and writes nothing', async () => {
    await items().create({ code: 'kept', rank: 1 });
    const fast = await items()
      .upsert({ code: 'kept', rank: -1 })
      .catch((e) => e);
    const slow = await waiting(() =>
      items()
        .upsert({ code: 'kept', rank: -1 })
        .catch((e) => e),
    );
    expect(fast).toBeInstanceOf(ValidationError);
    expect(fast.message).toBe(slow.message);
    expect(fast.context).toEqual(slow.context);
    const unknown = await items()
      .upsert({ code: 'kept', rank: 1, extra: true } as never)
      .catch((e) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((await items().filter()).map((r) => [r.code, r.rank])).toEqual([['kept', 1]]);
  });

  it('waits for another flow’s transaction instead of writing into it', async () => {
    const holding = gate();
    const release = gate();
    const transaction = db.transaction(async () => {
      await items().create({ code: 'inside', rank: 1 });
      holding.open();
      await release.opened;
      throw new Error('roll the transaction back');
    });
    await holding.opened;
    let outsideDone = false;
    const outside = items()
      .create({ code: 'outside', rank: 2 })
      .then((record) => {
        outsideDone = true;
        return record;
      });
    await new Promise((resolve) => setImmediate(resolve));
    if (target().dialect === 'sqlite') expect(outsideDone).toBe(false);
    release.open();
    await expect(transaction).rejects.toThrow('roll the transaction back');
    const record = await outside;
    expect(record.code).toBe('outside');
    expect((await items().filter()).map((r) => r.code)).toEqual(['outside']);
  });

  it('joins the transaction of its own flow, so a rollback takes the record back', async () => {
    let created: NowItem | undefined;
    await db
      .transaction(async () => {
        created = await items().create({ code: 'rolled-back', rank: 1 });
        expect(await items().get(created.id!)).toEqual(created);
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(created?.id).toBeDefined();
    expect(await items().get(created!.id!)).toBeNull();
  });

  it('sends one statement per create and upsert, and inside a transaction a failed create leaves it usable', async () => {
    const one = { exact: 1, registry: db };
    const made = await assertQueryCount(one, () => items().create({ code: 'one', rank: 1 }));
    const hit = await assertQueryCount(one, () => items().upsert({ code: 'one', rank: 2 }));
    expect(hit).toEqual({ id: made.id, code: 'one', rank: 2 });
    // PostgreSQL aborts a transaction on a failed statement: there the writes take a
    // savepoint instead of going to the connection as they are.
    const kept = await db.transaction(async () => {
      const duplicate = await items()
        .create({ code: 'one', rank: 3 })
        .catch((e) => e);
      expect(duplicate).toBeInstanceOf(UniqueConstraintError);
      return items().create({ code: 'two', rank: 4 });
    });
    expect((await items().filter({}, { orderBy: 'code' })).map((r) => [r.code, r.rank])).toEqual([
      ['one', 2],
      ['two', 4],
    ]);
    expect(await items().require(kept.id!)).toEqual(kept);
  });

  it('still runs async validation rules before inserting', async () => {
    const checked = db.manager(CheckedItem);
    const refused = await checked.create({ code: 'nope' }).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused.message).toContain('code');
    const accepted = await checked.create({ code: 'ok-1' });
    expect(await checked.require(accepted.id!)).toEqual(accepted);
    expect(await checked.count()).toBe(1);
  });
});

describeEachDialect(
  'SQLite single-row inserts read the key from the insert id',
  (target) => {
    let db: DatabaseRegistry;
    const items = () => db.manager(NowItem);

    beforeAll(async () => {
      db = new DatabaseRegistry({ url: target().url }).register(NowItem);
      await db.createAll();
      // A trigger that inserts elsewhere must not change the key the create reports.
      await db.connection.execute('CREATE TABLE now_item_log (id INTEGER PRIMARY KEY, note TEXT)');
      await db.connection.execute("INSERT INTO now_item_log (id, note) VALUES (1000, 'seed')");
      await db.connection.execute(
        `CREATE TRIGGER now_items_logged AFTER INSERT ON now_items
         BEGIN INSERT INTO now_item_log (note) VALUES (NEW.code); END`,
      );
    });
    afterAll(() => db.dispose());

    it('returns the key the database stored, on the immediate and the waiting path', async () => {
      const fast = await items().create({ code: 'first', rank: 1 });
      const stop = db.connection.onStatement(() => undefined);
      const slow = await items().create({ code: 'second', rank: 2 });
      stop();
      const stored = await db.connection.query<{ id: number; code: string }>(
        'SELECT id, code FROM now_items ORDER BY id',
      );
      expect(stored).toEqual([
        { id: fast.id, code: 'first' },
        { id: slow.id, code: 'second' },
      ]);
      expect(fast.id).not.toBe(1001);
      const logged = await db.connection.query<{ id: number }>('SELECT id FROM now_item_log');
      expect(logged.map((r) => r.id)).toEqual([1000, 1001, 1002]);
    });

    it('fails instead of reporting a stale key when a trigger ignores the insert', async () => {
      await db.connection.execute(
        `CREATE TRIGGER now_items_ignored BEFORE INSERT ON now_items WHEN NEW.code = 'ignored'
         BEGIN SELECT RAISE(IGNORE); END`,
      );
      try {
        const before = await items().count();
        const ignored = await items()
          .create({ code: 'ignored', rank: 1 })
          .catch((e) => e);
        expect(ignored).toBeInstanceOf(SchemaError);
        expect(ignored.message).toContain('returned no generated keys');
        expect(await items().count()).toBe(before);
      } finally {
        await db.connection.execute('DROP TRIGGER now_items_ignored');
      }
    });

    it('never hands out a deleted key again (AUTOINCREMENT), inside a transaction too', async () => {
      const last = await items().create({ code: 'last', rank: 3 });
      await items().delete(last.id!);
      const next = await db.transaction(() => items().create({ code: 'next', rank: 4 }));
      expect(next.id).toBeGreaterThan(last.id!);
      expect((await items().require(next.id!)).code).toBe('next');
    });
  },
  { only: ['sqlite'] },
);

describeEachDialect(
  'SQLite writes that return a row',
  () => {
    let dir: string;
    let conn: DatabaseConnection;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'registers-wal-'));
      conn = new DatabaseConnection({ url: `sqlite:${join(dir, 'wal.db')}` });
      await conn.execute(
        'CREATE TABLE wal_rows (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL)',
      );
    });
    afterAll(async () => {
      await conn.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('run to completion through queryOne, so the WAL is still checkpointed', async () => {
      const payload = 'x'.repeat(2000);
      for (let i = 0; i < 3000; i++) {
        const row = await conn.queryOne<{ id: number }>(
          'INSERT INTO wal_rows (payload) VALUES (?) RETURNING id',
          [payload],
        );
        expect(row?.id).toBe(i + 1);
      }
      // Without checkpoints the WAL would hold every page written: well over 6 MB here.
      // SQLite checkpoints at 1000 pages (4 MB) once a write statement completes.
      expect(statSync(join(dir, 'wal.db-wal')).size).toBeLessThan(4.5 * 1024 * 1024);
      expect(await conn.queryOne('SELECT COUNT(*) AS n FROM wal_rows')).toEqual({ n: 3000 });
    });
  },
  { only: ['sqlite'] },
);
