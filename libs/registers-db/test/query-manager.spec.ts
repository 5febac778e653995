import 'reflect-metadata';
import { IsBoolean, IsDate, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { InvalidQueryError } from '../src/errors';
import { Agg, Q } from '../src/query';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'query_products' })
class Product {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() @MaxLength(100) name!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) tag?: string | null;
  @Field({ nullable: true }) @IsOptional() @IsInt() stock?: number | null;
  @Field() @IsBoolean() active!: boolean;
  @Field() @IsDate() listedAt!: Date;
}

const PRODUCTS: Array<Omit<Product, 'id'>> = [
  {
    name: 'Widget',
    tag: 'tools',
    stock: 5,
    active: true,
    listedAt: new Date('2024-01-01T00:00:00.000Z'),
  },
  {
    name: 'widget',
    tag: null,
    stock: 0,
    active: false,
    listedAt: new Date('2024-02-01T00:00:00.000Z'),
  },
  {
    name: '100% Cotton',
    tag: 'Textile',
    stock: null,
    active: true,
    listedAt: new Date('2024-03-01T00:00:00.000Z'),
  },
  {
    name: 'snake_case',
    tag: 'tools',
    stock: 12,
    active: true,
    listedAt: new Date('2024-04-01T00:00:00.000Z'),
  },
  {
    name: 'Crème brûlée',
    tag: null,
    stock: 3,
    active: false,
    listedAt: new Date('2024-05-01T00:00:00.000Z'),
  },
  {
    name: "'; DROP TABLE query_products; --",
    tag: 'x',
    stock: 1,
    active: true,
    listedAt: new Date('2024-06-01T00:00:00.000Z'),
  },
];

describeEachDialect('Manager queries', (target) => {
  let db: DatabaseRegistry;
  const products = () => db.manager(Product);
  const names = (rows: Product[]) => rows.map((p) => p.name);

  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Product);
    for (const p of PRODUCTS) await products().create(p);
  });
  afterAll(() => db.dispose());

  it('filters with case-sensitive contains, startswith and endswith, escaping % and _', async () => {
    expect(names(await products().filter({ name__contains: 'idget' }, { orderBy: 'id' }))).toEqual([
      'Widget',
      'widget',
    ]);
    expect(names(await products().filter({ name__startswith: 'W' }))).toEqual(['Widget']);
    expect(names(await products().filter({ name__contains: '%' }))).toEqual(['100% Cotton']);
    expect(names(await products().filter({ name__contains: 'e_c' }))).toEqual(['snake_case']);
    expect(names(await products().filter({ name__endswith: 'brûlée' }))).toEqual(['Crème brûlée']);
  });

  it('filters with ilike ignoring case and like respecting it', async () => {
    expect(names(await products().filter({ name__ilike: 'WIDGET' }, { orderBy: 'id' }))).toEqual([
      'Widget',
      'widget',
    ]);
    expect(names(await products().filter({ name__like: 'w%' }))).toEqual(['widget']);
  });

  it('matches text equality exactly on every dialect', async () => {
    expect(names(await products().filter({ name: 'widget' }))).toEqual(['widget']);
    expect(await products().count({ name: 'WIDGET' })).toBe(0);
    expect(await products().count({ tag__in: ['Tools', 'textile'] })).toBe(0);
  });

  it('combines Q groups', async () => {
    const rows = await products().filter(
      Q<Product>({ tag: 'tools' }).or(Q<Product>({ stock__lt: 4 }).and({ active: false })),
      { orderBy: 'id' },
    );
    expect(names(rows)).toEqual(['Widget', 'widget', 'snake_case', 'Crème brûlée']);
    expect(await products().count(Q.not<Product>({ tag: null }))).toBe(4);
  });

  it('handles nulls, empty lists and dates', async () => {
    expect(await products().count({ tag: null })).toBe(2);
    expect(await products().count({ stock__is_null: true })).toBe(1);
    expect(await products().filter({ id__in: [] })).toEqual([]);
    expect(await products().count({ id__not_in: [] })).toBe(PRODUCTS.length);
    expect(await products().count({ listedAt__gte: new Date('2024-04-01T00:00:00.000Z') })).toBe(3);
    expect(
      await products().count({ listedAt__between: ['2024-02-01', '2024-03-01T00:00:00.000Z'] }),
    ).toBe(2);
  });

  it('orders, limits and offsets', async () => {
    const page = await products().filter(
      { active: true },
      { orderBy: ['-stock', 'name'], limit: 2, offset: 1 },
    );
    expect(names(page)).toEqual(['Widget', "'; DROP TABLE query_products; --"]);
    const byTag = await products().all({ orderBy: ['tag', 'id'] });
    expect(byTag.map((p) => p.tag)).toEqual([null, null, 'Textile', 'tools', 'tools', 'x']);
  });

  it('stores and finds SQL-looking strings literally', async () => {
    const [row] = await products().filter({ name: "'; DROP TABLE query_products; --" });
    expect(row.stock).toBe(1);
    expect(await products().count()).toBe(PRODUCTS.length);
  });

  it('aggregates with filters to the same JS values', async () => {
    const result = await products().aggregate({
      total: Agg.count<Product>(),
      stocked: Agg.count<Product>('id', { stock__gte: 3 }),
      stock: Agg.sum<Product>('stock'),
      activeStock: Agg.sum<Product>('stock', Q<Product>({ active: true })),
      avgStock: Agg.avg<Product>('stock', { tag__in: ['tools'] }),
      firstName: Agg.min<Product>('name'),
      lastName: Agg.max<Product>('name'),
      firstListed: Agg.min<Product>('listedAt'),
    });
    expect(result).toEqual({
      total: 6,
      stocked: 3,
      stock: 21,
      activeStock: 18,
      avgStock: 8.5,
      firstName: "'; DROP TABLE query_products; --",
      lastName: 'widget',
      firstListed: new Date('2024-01-01T00:00:00.000Z'),
    });
    expect(await products().aggregate(Agg.max<Product>('stock'), { name__contains: 'idget' })).toBe(
      5,
    );
  });

  it('pages through mixed-case names in code point order without skipping or repeating', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<ReturnType<typeof products>['paginate']>> =
        await products().paginate({
          orderBy: 'name',
          limit: 2,
          cursor,
        });
      seen.push(...names(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = PRODUCTS.map((p) => p.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(seen).toEqual(expected);
  });

  it('excludes matching rows with SQL NULL rules', async () => {
    expect(names(await products().exclude({ tag: 'tools' }, { orderBy: 'id' }))).toEqual([
      '100% Cotton',
      "'; DROP TABLE query_products; --",
    ]);
  });

  it('raises InvalidQueryError naming the field and operator, and deletes nothing', async () => {
    const attempts: Array<[() => Promise<unknown>, Record<string, unknown>]> = [
      [() => products().filter({ nope: 1 } as any), { field: 'nope' }],
      [() => products().filter({ stock: '5' } as any), { field: 'stock', operator: 'eq' }],
      [() => products().filter({ stock: [1, 2] } as any), { field: 'stock', operator: 'eq' }],
      [() => products().filter({ stock__in: 5 } as any), { field: 'stock', operator: 'in' }],
      [() => products().filter({ stock__between: [1] } as any), { operator: 'between' }],
      [() => products().filter({ tag__is_null: 'yes' } as any), { operator: 'is_null' }],
      [() => products().filter({ name__regex: '.*' } as any), { field: 'name', operator: 'regex' }],
      [() => products().filter({}, { orderBy: 'nope' }), { field: 'nope' }],
      [() => products().filter({}, { limit: -1 }), { operator: 'limit' }],
      [
        () => products().deleteWhere(JSON.parse('{"__proto__": {"id": 1}}')),
        { field: '__proto__' },
      ],
      [() => products().deleteWhere(JSON.parse('{"constructor": 1}')), { field: 'constructor' }],
      [() => products().deleteWhere({ stock__gt: Number.NaN }), { field: 'stock', operator: 'gt' }],
    ];
    for (const [attempt, context] of attempts) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidQueryError);
      expect((error as InvalidQueryError).context).toMatchObject({ model: 'Product', ...context });
    }
    expect(await products().count()).toBe(PRODUCTS.length);
  });
});
