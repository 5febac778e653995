import 'reflect-metadata';
import { IsDate, IsOptional, IsString } from 'class-validator';
import { DataSource, EntitySchema, type DataSourceOptions } from 'typeorm';
import { ConfigurationError, DatabaseRegistry, Field, Model } from '@registers/db';
import { describeEachDialect, type DialectTarget } from '../../../test/support/dialects';

/** The application's own TypeORM entity: registers must leave its table alone. */
interface Order {
  id?: number;
  label: string;
}
const OrderEntity = new EntitySchema<Order>({
  name: 'Order',
  tableName: 'app_orders',
  columns: {
    id: { type: Number, primary: true, generated: true },
    label: { type: String, length: 50 },
  },
});

@Model({ table: 'reg_notes' })
class Note {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() text!: string;
}

/** Values whose reading depends on driver settings the application's pool may not share. */
@Model({ table: 'reg_readings' })
class Reading {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsDate() at!: Date;
  @Field({ type: 'date' }) day!: Date;
  @Field({ type: 'bigint' }) big!: string;
  @Field({ type: 'json', nullable: true }) @IsOptional() data?: unknown;
}

/** The application's DataSource, built the TypeORM way for the suite's database. */
export function appDataSourceOptions(target: DialectTarget): DataSourceOptions {
  const common = { entities: [OrderEntity], synchronize: true };
  if (target.dialect === 'sqlite')
    return { type: 'better-sqlite3', database: target.url.slice('sqlite:'.length), ...common };
  if (target.dialect === 'postgres') return { type: 'postgres', url: target.url, ...common };
  return { type: 'mariadb', url: target.url, connectorPackage: 'mysql2', ...common };
}

describeEachDialect('adopting an application DataSource', (target) => {
  let app: DataSource;
  let registry: DatabaseRegistry;

  const orderLabels = async () =>
    (await app.getRepository(OrderEntity).find({ order: { label: 'ASC' } })).map((o) => o.label);
  const noteTexts = async () => (await registry.manager(Note).all()).map((n) => n.text).sort();

  beforeAll(async () => {
    app = await new DataSource(appDataSourceOptions(target())).initialize();
    registry = new DatabaseRegistry({ dataSource: app }).register(Note);
    await registry.createAll();
  });
  afterAll(async () => {
    await registry.dispose();
    if (app.isInitialized) await app.destroy();
  });
  beforeEach(async () => {
    await app.getRepository(OrderEntity).clear();
    await registry.manager(Note).truncate();
  });

  it('takes its dialect from the DataSource and creates only its own tables', async () => {
    expect(registry.dialect).toBe(target().dialect === 'mariadb' ? 'mysql' : target().dialect);
    await registry.manager(Note).create({ text: 'first' });
    await app.getRepository(OrderEntity).save({ label: 'kept' });
    expect(await noteTexts()).toEqual(['first']);
    expect(await orderLabels()).toEqual(['kept']);
    // The app's table is untouched by registers' schema work: a schema check sees only Note.
    const diff = await registry.diffAll();
    expect(Object.keys(diff)).not.toContain('app_orders');
  });

  it('runs its statements on the DataSource pool (one pool, no connection of its own)', async () => {
    const handle = await registry.connection.driverHandle();
    const driver = app.driver as any;
    expect(handle).toBe(
      target().dialect === 'sqlite'
        ? driver.databaseConnection
        : target().dialect === 'postgres'
          ? driver.master
          : driver.pool,
    );
  });

  it('dispose leaves the DataSource initialized, and the registry can be used again', async () => {
    await registry.manager(Note).create({ text: 'before' });
    await registry.dispose();
    expect(app.isInitialized).toBe(true);
    expect(await orderLabels()).toEqual([]);
    expect(await noteTexts()).toEqual(['before']);
  });

  it('refuses a DataSource that is not initialized, naming the fix', async () => {
    const idle = new DataSource(appDataSourceOptions(target()));
    const lazy = new DatabaseRegistry({ name: 'idle', dataSource: idle }).register(Note);
    await expect(lazy.manager(Note).count()).rejects.toThrow(ConfigurationError);
    await expect(lazy.manager(Note).count()).rejects.toThrow(
      /not initialized: await dataSource.initialize\(\)/,
    );
    expect(idle.isInitialized).toBe(false);
  });

  it('joins the application transaction: both writes commit together', async () => {
    await app.transaction(async (em) =>
      registry.withEntityManager(em, async () => {
        await em.getRepository(OrderEntity).save({ label: 'paid' });
        await registry.manager(Note).create({ text: 'receipt' });
      }),
    );
    expect(await orderLabels()).toEqual(['paid']);
    expect(await noteTexts()).toEqual(['receipt']);
  });

  it('a throw in the application transaction rolls back the registers write too', async () => {
    const failure = new Error('payment refused');
    await expect(
      app.transaction(async (em) => {
        await em.getRepository(OrderEntity).save({ label: 'unpaid' });
        await registry.withEntityManager(em, () => registry.manager(Note).create({ text: 'x' }));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await orderLabels()).toEqual([]);
    expect(await noteTexts()).toEqual([]);
  });

  it('a refused registers write rolls back the application write', async () => {
    await expect(
      app.transaction(async (em) => {
        await em.getRepository(OrderEntity).save({ label: 'orphan' });
        await registry.withEntityManager(em, () =>
          registry.manager(Note).create({ text: 42 as unknown as string }),
        );
      }),
    ).rejects.toThrow(/text/);
    expect(await orderLabels()).toEqual([]);
    expect(await noteTexts()).toEqual([]);
  });

  it('lets application repositories join registry.transaction through entityManager()', async () => {
    await registry.transaction(async () => {
      await registry.manager(Note).create({ text: 'shipped' });
      await registry.entityManager().getRepository(OrderEntity).save({ label: 'boxed' });
    });
    expect(await orderLabels()).toEqual(['boxed']);
    expect(await noteTexts()).toEqual(['shipped']);
  });

  it('registry writes inside a TypeORM nested transaction of registry.transaction keep every savepoint', async () => {
    const notes = registry.manager(Note);
    await registry.transaction(async () => {
      await notes.create({ text: 'before' }); // its savepoint ends before TypeORM sets one
      await registry.entityManager().transaction(async (nested) => {
        await notes.create({ text: 'inside' });
        await nested.getRepository(OrderEntity).save({ label: 'nested' });
      });
      await notes.create({ text: 'after' });
    });
    expect(await noteTexts()).toEqual(['after', 'before', 'inside']);
    expect(await orderLabels()).toEqual(['nested']);
  });

  it('a throw in registry.transaction rolls back the application write', async () => {
    const failure = new Error('out of stock');
    await expect(
      registry.transaction(async () => {
        await registry.entityManager().getRepository(OrderEntity).save({ label: 'lost' });
        await registry.manager(Note).create({ text: 'lost too' });
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await orderLabels()).toEqual([]);
    expect(await noteTexts()).toEqual([]);
  });

  it("reads values exactly on the application's pool, whatever its driver settings", async () => {
    const written = {
      at: new Date('0001-01-01T00:00:00.000Z'),
      day: new Date('9999-12-31T00:00:00.000Z'),
      big: '9007199254740993',
      data: { nested: ['x', 1] },
    };
    const readings = registry.register(Reading).manager(Reading);
    const { id } = await readings.create(written);
    const read = await readings.require({ id });
    expect({ at: read.at, day: read.day, big: read.big, data: read.data }).toEqual(written);
  });

  it('entityManager() is refused outside a transaction and retired after one', async () => {
    expect(() => registry.entityManager()).toThrow(ConfigurationError);
    const kept = await registry.transaction(async () => registry.entityManager());
    await expect(kept.getRepository(OrderEntity).save({ label: 'late' })).rejects.toThrow(
      /released/i,
    );
    expect(await orderLabels()).toEqual([]);
  });

  it('withEntityManager refuses a manager outside a transaction', async () => {
    await expect(registry.withEntityManager(app.manager, async () => 1)).rejects.toThrow(
      /needs the EntityManager of a running transaction/,
    );
  });
});

describeEachDialect(
  'adopting a DataSource opens no connection of its own',
  (target) => {
    it('keeps the number of server connections of the database', async () => {
      const { Client } = await import('pg');
      const app = await new DataSource(appDataSourceOptions(target())).initialize();
      const registry = new DatabaseRegistry({ dataSource: app }).register(Note);
      const database = new URL(target().url).pathname.slice(1);
      const admin = new Client({ connectionString: target().url.replace(/\/[^/]*$/, '/test') });
      await admin.connect();
      const connections = async () =>
        Number(
          (
            await admin.query('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [
              database,
            ])
          ).rows[0].n,
        );
      try {
        await app.getRepository(OrderEntity).count();
        const before = await connections();
        expect(before).toBeGreaterThanOrEqual(1);
        await registry.manager(Note).create({ text: 'one' });
        await registry.manager(Note).count();
        await registry.transaction(() => registry.manager(Note).create({ text: 'two' }));
        expect(await connections()).toBeLessThanOrEqual(before);
      } finally {
        await admin.end();
        await registry.dispose();
        await app.destroy();
      }
    });
  },
  { only: ['postgres'] },
);

describe('an adopted DataSource as shown in messages and health', () => {
  const SECRET = 'Hunter2-never-printed';

  it('describes where it points without its password', () => {
    const fields = new DataSource({
      type: 'postgres',
      host: 'db.internal',
      port: 5432,
      username: 'app',
      password: SECRET,
      database: 'shop',
    });
    expect(new DatabaseRegistry({ dataSource: fields }).connection.url).toBe(
      'postgres://app@db.internal:5432/shop',
    );
    const url = new DataSource({ type: 'mariadb', url: `mysql://app:${SECRET}@db/shop` });
    const connection = new DatabaseRegistry({ dataSource: url }).connection;
    expect(connection.url).toBe('mysql://app:***@db/shop');
    expect(connection.dialect).toBe('mysql');
  });

  it('refuses other DataSource types and a url next to the DataSource, when first used', async () => {
    const cockroach = new DatabaseRegistry({
      dataSource: new DataSource({
        type: 'cockroachdb',
        url: 'postgres://h/db',
        timeTravelQueries: false,
      }),
    });
    await expect(cockroach.connection.open()).rejects.toThrow(
      "A TypeORM DataSource of type 'cockroachdb' cannot be adopted",
    );
    const both = new DatabaseRegistry({
      url: 'sqlite::memory:',
      dataSource: new DataSource({ type: 'better-sqlite3', database: ':memory:' }),
    });
    await expect(both.connection.open()).rejects.toThrow(/either `url` or `dataSource`, not both/);
  });
});
