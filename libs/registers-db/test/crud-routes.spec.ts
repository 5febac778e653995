import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { describeEachDialect } from '../../../test/support/dialects';
import type { Manager } from '../src/manager/manager';
import { getManagerToken } from '../src/nest/registers-db.tokens';
import { configurePasswordPolicy, type PasswordHashPolicy } from '../src/security/passwords';
import { ApiProduct } from './support/api-models';
import { crudApp } from './support/crud-app';

type Row = Record<string, any>;

/** The rows every list test reads; launchedOn, stock and views are sometimes empty. */
const SEED: Row[] = [
  {
    name: 'Green Tea',
    price: 4.5,
    stock: 10,
    status: 'live',
    featured: true,
    views: '120',
    launchedOn: '2024-01-15',
  },
  {
    name: 'Black Tea',
    price: 3.25,
    stock: 0,
    status: 'live',
    featured: false,
    views: '9007199254740993',
    launchedOn: '2023-06-01',
  },
  {
    name: 'Coffee',
    price: 12,
    stock: null,
    status: 'draft',
    featured: false,
    views: null,
    launchedOn: null,
  },
  {
    name: 'Mint tea',
    price: 2.99,
    stock: 250,
    status: 'live',
    featured: true,
    views: '7',
    launchedOn: '2024-03-31',
  },
  {
    name: 'Cocoa',
    price: 7.1,
    stock: 5,
    status: 'draft',
    featured: false,
    views: '0',
    launchedOn: '2022-12-31',
  },
  {
    name: 'Chai',
    price: 4.5,
    stock: 40,
    status: 'live',
    featured: false,
    views: '45',
    launchedOn: '2024-01-15',
  },
];

const cmp = (a: unknown, b: unknown) =>
  typeof a === 'string' && /^\d+$/.test(a)
    ? BigInt(a as string) - BigInt(b as string)
    : (a as number) - (b as number);
const sign = (a: unknown, b: unknown) => Math.sign(Number(cmp(a, b)));

/** [query parameter, value, which seed rows match] for every operator the products allow. */
const FILTER_CASES: Array<[string, string, (r: Row) => boolean]> = [
  ['name', 'Coffee', (r) => r.name === 'Coffee'],
  ['name__not', 'Coffee', (r) => r.name !== 'Coffee'],
  ['name__in', 'Chai,Cocoa', (r) => ['Chai', 'Cocoa'].includes(r.name)],
  ['name__not_in', 'Chai,Cocoa', (r) => !['Chai', 'Cocoa'].includes(r.name)],
  ['name__contains', 'Tea', (r) => r.name.includes('Tea')],
  ['name__icontains', 'TEA', (r) => r.name.toLowerCase().includes('tea')],
  ['name__startswith', 'Co', (r) => r.name.startsWith('Co')],
  ['name__istartswith', 'co', (r) => r.name.toLowerCase().startsWith('co')],
  ['name__endswith', 'tea', (r) => r.name.endsWith('tea')],
  ['name__iendswith', 'TEA', (r) => r.name.toLowerCase().endsWith('tea')],
  ['price', '4.5', (r) => r.price === 4.5],
  ['price__not', '4.5', (r) => r.price !== 4.5],
  ['price__gt', '4.5', (r) => r.price > 4.5],
  ['price__gte', '4.5', (r) => r.price >= 4.5],
  ['price__lt', '4.5', (r) => r.price < 4.5],
  ['price__lte', '3.25', (r) => r.price <= 3.25],
  ['price__in', '2.99,12', (r) => [2.99, 12].includes(r.price)],
  ['price__not_in', '2.99,12', (r) => ![2.99, 12].includes(r.price)],
  ['price__between', '3,7.1', (r) => r.price >= 3 && r.price <= 7.1],
  ['stock', '0', (r) => r.stock === 0],
  ['stock__not', '0', (r) => r.stock !== null && r.stock !== 0],
  ['stock__gt', '10', (r) => r.stock !== null && r.stock > 10],
  ['stock__gte', '10', (r) => r.stock !== null && r.stock >= 10],
  ['stock__lt', '10', (r) => r.stock !== null && r.stock < 10],
  ['stock__lte', '5', (r) => r.stock !== null && r.stock <= 5],
  ['stock__in', '0,40', (r) => [0, 40].includes(r.stock)],
  ['stock__not_in', '0,40', (r) => r.stock !== null && ![0, 40].includes(r.stock)],
  ['stock__between', '5,40', (r) => r.stock !== null && r.stock >= 5 && r.stock <= 40],
  ['stock__is_null', 'true', (r) => r.stock === null],
  ['stock__is_null', 'false', (r) => r.stock !== null],
  ['status', 'draft', (r) => r.status === 'draft'],
  ['status__not', 'draft', (r) => r.status !== 'draft'],
  ['status__in', 'draft,live', () => true],
  ['status__not_in', 'live', (r) => r.status !== 'live'],
  ['featured', 'true', (r) => r.featured],
  ['featured__not', 'true', (r) => !r.featured],
  ['views', '9007199254740993', (r) => r.views === '9007199254740993'],
  ['views__not', '7', (r) => r.views !== null && r.views !== '7'],
  ['views__gt', '45', (r) => r.views !== null && sign(r.views, '45') > 0],
  ['views__gte', '45', (r) => r.views !== null && sign(r.views, '45') >= 0],
  ['views__lt', '45', (r) => r.views !== null && sign(r.views, '45') < 0],
  ['views__lte', '7', (r) => r.views !== null && sign(r.views, '7') <= 0],
  ['views__in', '0,7', (r) => ['0', '7'].includes(r.views)],
  ['views__not_in', '0,7', (r) => r.views !== null && !['0', '7'].includes(r.views)],
  [
    'views__between',
    '7,120',
    (r) => r.views !== null && sign(r.views, '7') >= 0 && sign(r.views, '120') <= 0,
  ],
  ['views__is_null', 'true', (r) => r.views === null],
  ['views__is_null', 'false', (r) => r.views !== null],
  ['launchedOn', '2024-01-15', (r) => r.launchedOn === '2024-01-15'],
  ['launchedOn__not', '2024-01-15', (r) => r.launchedOn !== null && r.launchedOn !== '2024-01-15'],
  ['launchedOn__gt', '2024-01-15', (r) => r.launchedOn !== null && r.launchedOn > '2024-01-15'],
  ['launchedOn__gte', '2024-01-15', (r) => r.launchedOn !== null && r.launchedOn >= '2024-01-15'],
  ['launchedOn__lt', '2024-01-15', (r) => r.launchedOn !== null && r.launchedOn < '2024-01-15'],
  ['launchedOn__lte', '2023-06-01', (r) => r.launchedOn !== null && r.launchedOn <= '2023-06-01'],
  [
    'launchedOn__in',
    '2023-06-01,2024-03-31',
    (r) => ['2023-06-01', '2024-03-31'].includes(r.launchedOn),
  ],
  [
    'launchedOn__not_in',
    '2023-06-01',
    (r) => r.launchedOn !== null && r.launchedOn !== '2023-06-01',
  ],
  [
    'launchedOn__between',
    '2023-01-01,2024-01-15',
    (r) => r.launchedOn !== null && r.launchedOn >= '2023-01-01' && r.launchedOn <= '2024-01-15',
  ],
  ['launchedOn__is_null', 'true', (r) => r.launchedOn === null],
  ['launchedOn__is_null', 'false', (r) => r.launchedOn !== null],
];

describeEachDialect('RegistersCrudModule routes', (target) => {
  let app: INestApplication;
  let previous: Readonly<PasswordHashPolicy>;
  let products: Manager<ApiProduct>;
  let ids: Map<string, number>;
  const http = () => request(app.getHttpServer());
  const names = (body: Row) => (body.items as Row[]).map((i) => i.name).sort();

  beforeAll(async () => {
    previous = configurePasswordPolicy({ scheme: 'pbkdf2_sha256', iterations: 1000 });
    app = await crudApp(target().url);
    products = app.get(getManagerToken(ApiProduct));
  });
  afterAll(async () => {
    configurePasswordPolicy(previous);
    await app.close();
  });
  beforeEach(async () => {
    await products.deleteWhere({}, { allowFullTable: true });
    await products.purgeDeleted();
    ids = new Map();
    for (const row of SEED) ids.set(row.name, (await products.create(row as never)).id!);
  });

  it.each(FILTER_CASES)('filters with %s=%s', async (parameter, value, matches) => {
    const res = await http()
      .get('/products')
      .query({ [parameter]: value, limit: 100 })
      .expect(200);
    const expected = SEED.filter(matches)
      .map((r) => r.name)
      .sort();
    expect(names(res.body)).toEqual(expected);
    expect(res.body.total).toBe(expected.length);
  });

  it('combines filters, orders and pages with totals', async () => {
    const query = { name__icontains: 'tea', price__gte: '3', orderBy: '-price,name', limit: '1' };
    const first = await http().get('/products').query(query).expect(200);
    expect(first.body).toMatchObject({ total: 2, limit: 1, offset: 0 });
    expect(first.body.items.map((i: Row) => i.name)).toEqual(['Green Tea']);
    const second = await http()
      .get('/products')
      .query({ ...query, offset: '1' })
      .expect(200);
    expect(second.body.items.map((i: Row) => i.name)).toEqual(['Black Tea']);
    const past = await http()
      .get('/products')
      .query({ ...query, offset: '2' })
      .expect(200);
    expect(past.body).toEqual({ items: [], total: 2, limit: 1, offset: 2 });
  });

  it('takes list operands comma-separated or as the parameter repeated', async () => {
    const repeated = await http()
      .get('/products?name__in=Chai&name__in=Cocoa&price__between=1&price__between=5')
      .expect(200);
    expect(names(repeated.body)).toEqual(['Chai']);
    const joined = await http().get('/products').query({ name__in: 'Chai,Cocoa' }).expect(200);
    expect(names(joined.body)).toEqual(['Chai', 'Cocoa']);
  });

  it('pages by keyset cursor through the filtered rows, in order', async () => {
    const expected = SEED.filter((r) => r.price >= 3)
      .sort((a, b) => b.price - a.price || ids.get(a.name)! - ids.get(b.name)!)
      .map((r) => r.name);
    const seen: string[] = [];
    let cursor = '';
    for (let pages = 0; pages < 10; pages++) {
      const res = await http()
        .get('/products')
        .query({ price__gte: '3', orderBy: '-price', limit: 2, cursor })
        .expect(200);
      expect(res.body).toMatchObject({ total: expected.length, limit: 2 });
      expect(res.body.offset).toBeUndefined();
      seen.push(...res.body.items.map((i: Row) => i.name));
      if (res.body.nextCursor === null) break;
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(expected);
    await http().get('/products').query({ cursor: '', offset: 0 }).expect(400);
    await http().get('/products').query({ cursor: 'not-a-cursor' }).expect(400);
    // keyset order needs non-nullable fields
    await http().get('/products').query({ cursor: '', orderBy: 'stock' }).expect(400);
  });

  it('pages through every row by key with a stable total', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < SEED.length; offset += 4) {
      const res = await http().get('/products').query({ limit: 4, offset }).expect(200);
      expect(res.body.total).toBe(SEED.length);
      seen.push(...res.body.items.map((i: Row) => i.name));
    }
    expect(seen).toEqual(SEED.map((r) => r.name));
    const byPrice = await http().get('/products').query({ orderBy: 'price' }).expect(200);
    expect(byPrice.body.items.map((i: Row) => i.price)).toEqual(
      SEED.map((r) => r.price).sort((a, b) => a - b),
    );
  });
});
