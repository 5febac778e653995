import 'reflect-metadata';
import { IsBoolean, IsInt, IsOptional, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { InvalidQueryError } from '../src/errors';
import { Agg } from '../src/query';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'shape_orders' })
class Order {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() customer!: string;
  @Field() @IsString() status!: string;
  @Field({ type: 'decimal', precision: 10, scale: 2 }) total!: number;
  @Field() @IsInt() items!: number;
  @Field() @IsBoolean() paid!: boolean;
  @Field() placedAt!: Date;
  @Field({ nullable: true }) @IsOptional() @IsString() note?: string | null;
}

describeEachDialect('Manager shapes, aggregates and pagination', (target) => {
  let db: DatabaseRegistry;
  const orders = () => db.manager(Order);
  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Order);
    const rows = [
      ['ann', 'open', 10.5, 1, false, '2024-01-01T00:00:00.000Z', null],
      ['bob', 'paid', 20.25, 2, true, '2024-01-02T00:00:00.000Z', 'gift'],
      ['ann', 'paid', 30, 3, true, '2024-01-03T00:00:00.000Z', null],
      ['cid', 'open', 5, 1, false, '2024-01-04T00:00:00.000Z', '__proto__'],
      ['bob', 'void', 0, 0, false, '2024-01-05T00:00:00.000Z', null],
    ] as const;
    await orders().bulkCreate(
      rows.map(([customer, status, total, items, paid, placedAt, note]) => ({
        customer,
        status,
        total,
        items,
        paid,
        placedAt: new Date(placedAt),
        note,
      })),
    );
  });
  afterAll(() => db.dispose());

  it('exclude returns the records that do not match', async () => {
    const notOpen = await orders().exclude({ status: 'open' }, { orderBy: 'id' });
    expect(notOpen.map((o) => o.status)).toEqual(['paid', 'paid', 'void']);
    expect(notOpen[0]).toBeInstanceOf(Order);
  });

  it('select returns plain objects with exactly the requested keys and JS values', async () => {
    const rows = await orders().select(
      ['customer', 'paid', 'placedAt'],
      { status: 'paid' },
      { orderBy: 'id' },
    );
    expect(rows).toEqual([
      { customer: 'bob', paid: true, placedAt: new Date('2024-01-02T00:00:00.000Z') },
      { customer: 'ann', paid: true, placedAt: new Date('2024-01-03T00:00:00.000Z') },
    ]);
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
    await expect(orders().select([] as any)).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(orders().select(['nope' as any])).rejects.toBeInstanceOf(InvalidQueryError);
  });

  it('valuesList returns one field as a list', async () => {
    expect(await orders().valuesList('total', { customer: 'ann' }, { orderBy: 'id' })).toEqual([
      10.5, 30,
    ]);
  });

  it('countBy groups into a plain object, keeping odd values as plain keys', async () => {
    expect(await orders().countBy('status')).toEqual({ open: 2, paid: 2, void: 1 });
    const byNote = await orders().countBy('note');
    expect(byNote).toEqual({ null: 3, gift: 1, ['__proto__']: 1 });
    expect(Object.getPrototypeOf(byNote)).toBe(Object.prototype);
    expect(await orders().countBy('customer', { paid: true })).toEqual({ ann: 1, bob: 1 });
  });

  it('aggregates return JS numbers, labelled or single, with filters per aggregate', async () => {
    expect(await orders().aggregate(Agg.count())).toBe(5);
    expect(await orders().aggregate(Agg.sum('total'))).toBeCloseTo(65.75, 5);
    const stats = await orders().aggregate(
      {
        revenue: Agg.sum('total', { paid: true }),
        average: Agg.avg('items'),
        biggest: Agg.max('total'),
        first: Agg.min('placedAt'),
        paidCount: Agg.count('id', { paid: true }),
      },
      { status__not: 'void' },
    );
    expect(stats.revenue).toBeCloseTo(50.25, 5);
    expect(stats.average).toBeCloseTo(7 / 4, 5);
    expect(stats.biggest).toBe(30);
    expect(new Date(stats.first).toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(stats.paidCount).toBe(2);
    expect(await orders().aggregate(Agg.sum('total'), { customer: 'nobody' })).toBeNull();
    const pollutedLabel = Object.defineProperty({}, '__proto__', {
      value: Agg.count(),
      enumerable: true,
    });
    await expect(orders().aggregate(pollutedLabel as any)).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
    await expect(orders().aggregate('count' as any)).rejects.toBeInstanceOf(InvalidQueryError);
  });

  it('paginates with a cursor through every row exactly once, with ties broken by key', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await orders().paginate({
        orderBy: ['customer', '-total'],
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((o: Order) => o.id!));
      cursor = page.nextCursor;
      expect(page.hasNext).toBe(cursor !== null);
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    const expected = (await orders().all({ orderBy: ['customer', '-total', 'id'] })).map(
      (o) => o.id,
    );
    expect(seen).toEqual(expected);
  });

  it('paginates by date descending and within a where', async () => {
    const first = await orders().paginate({
      orderBy: '-placedAt',
      limit: 1,
      where: { paid: false },
    });
    expect(first.items.map((o) => o.customer)).toEqual(['bob']);
    const second = await orders().paginate({
      orderBy: '-placedAt',
      limit: 5,
      where: { paid: false },
      cursor: first.nextCursor,
    });
    expect(second.items.map((o) => o.customer)).toEqual(['cid', 'ann']);
    expect(second.hasNext).toBe(false);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses tampered cursors, nullable order fields and bad limits', async () => {
    await expect(orders().paginate({ cursor: 'not a cursor!' })).rejects.toBeInstanceOf(
      InvalidQueryError,
    );
    const forged = Buffer.from(JSON.stringify(['x'])).toString('base64url');
    await expect(orders().paginate({ cursor: forged })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(orders().paginate({ orderBy: 'note' })).rejects.toBeInstanceOf(InvalidQueryError);
    await expect(orders().paginate({ limit: 0 })).rejects.toBeInstanceOf(InvalidQueryError);
  });
});
