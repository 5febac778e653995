/**
 * Products (SPEC 5.1 / 5.3) in process against each dialect: create and read, and the list
 * contract `{ items, total, limit, offset }` with its filters, order and bounds.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { Product } from '../src/products/product.model';
import { ApiHarness, hasAtMostTwoDecimals, startApi } from './support/api-app';

jest.setTimeout(60_000);

const PRODUCT_KEYS = ['createdAt', 'id', 'name', 'price', 'stock', 'updatedAt'];

interface ProductJson {
  id: number;
  name: string;
  price: number;
  stock: number;
}

describeEachDialect('sample api products', (target) => {
  let api: ApiHarness;
  const created: ProductJson[] = [];
  const list = async (query: string) => {
    const res = await api.http().get(`/products${query}`);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body as { items: ProductJson[]; total: number; limit: number; offset: number };
  };

  beforeAll(async () => {
    api = await startApi(target().url);
  });
  afterAll(() => api?.close());

  it('creates products with 201 and answers them as plain objects', async () => {
    const catalogue = [
      { name: 'Teapot', price: 19.99, stock: 5 },
      { name: 'Tea cup', price: 4.5, stock: 40 },
      { name: 'Green TEA leaves', price: 12.1, stock: 10 },
      { name: 'Coffee mug', price: 7, stock: 25 },
      { name: 'Sugar_bowl 50%', price: 0.3, stock: 3 },
      { name: 'Sugar bowl 50 percent', price: 12.1, stock: 3 },
    ];
    for (const body of catalogue) {
      const res = await api.http().post('/products').send(body);
      expect(res.status).toBe(201);
      expect(Object.keys(res.body).sort()).toEqual(PRODUCT_KEYS);
      expect(res.body).toMatchObject(body);
      created.push(res.body);
    }
    expect(created.map((p) => p.id)).toEqual([...created.map((p) => p.id)].sort((a, b) => a - b));
  });

  it('reads a product by id with its price as a number', async () => {
    const res = await api.http().get(`/products/${created[0].id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created[0]);
    expect(res.body.price).toBe(19.99);
  });

  it('answers 404 to an unknown product and 400 to a non-numeric id', async () => {
    expect((await api.http().get('/products/987654')).status).toBe(404);
    expect((await api.http().get('/products/tea')).status).toBe(400);
  });

  it('answers 400 to an invalid product and to unknown properties, storing nothing', async () => {
    const before = await api.registry.manager(Product).count();
    const bad = await api.http().post('/products').send({ name: '', price: 1.234, stock: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'name',
      'price',
      'stock',
    ]);
    const textual = await api
      .http()
      .post('/products')
      .send({ name: 'Pot', price: '9.99', stock: '3' });
    expect(textual.status).toBe(400);
    const extra = await api
      .http()
      .post('/products')
      .send({ name: 'Pot', price: 9.99, stock: 3, discount: 1 });
    expect(extra.status).toBe(400);
    expect(extra.body.issues).toEqual([
      { field: 'discount', messages: ['property discount should not exist'] },
    ]);
    expect(await api.registry.manager(Product).count()).toBe(before);
  });

  it('lists newest first (id descending) with the default limit 20 and offset 0', async () => {
    const page = await list('');
    expect(Object.keys(page).sort()).toEqual(['items', 'limit', 'offset', 'total']);
    expect(page).toMatchObject({ total: created.length, limit: 20, offset: 0 });
    expect(page.items.map((p) => p.id)).toEqual(created.map((p) => p.id).reverse());
    expect(page.items[0]).toEqual(created[created.length - 1]);
    for (const item of page.items) expect(hasAtMostTwoDecimals(item.price)).toBe(true);
  });

  it('pages with limit and offset while total counts every match', async () => {
    const newestFirst = created.map((p) => p.id).reverse();
    const first = await list('?limit=2');
    expect(first).toMatchObject({ total: created.length, limit: 2, offset: 0 });
    expect(first.items.map((p) => p.id)).toEqual(newestFirst.slice(0, 2));
    const second = await list('?limit=2&offset=2');
    expect(second.items.map((p) => p.id)).toEqual(newestFirst.slice(2, 4));
    const past = await list('?limit=5&offset=100');
    expect(past).toEqual({ items: [], total: created.length, limit: 5, offset: 100 });
    expect((await list('?limit=100')).items).toHaveLength(created.length);
    expect((await list('?limit=1')).items).toHaveLength(1);
  });

  it('answers 400 to a limit outside 1..100, a negative offset and non-integer values', async () => {
    for (const query of [
      'limit=0',
      'limit=101',
      'limit=-5',
      'limit=abc',
      'limit=1.5',
      'limit=',
      'offset=-1',
      'offset=x',
      'limit=1&limit=2',
    ]) {
      const res = await api.http().get(`/products?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
    const res = await api.http().get('/products?limit=101');
    expect(res.body.issues).toEqual([
      { field: 'limit', messages: ['limit must not be greater than 100'] },
    ]);
  });

  it('answers 400 to unknown query parameters and non-numeric prices', async () => {
    expect((await api.http().get('/products?sort=name')).status).toBe(400);
    expect((await api.http().get('/products?minPrice=cheap')).status).toBe(400);
    expect((await api.http().get('/products?maxPrice=-1')).status).toBe(400);
  });

  it('filters by price with inclusive bounds', async () => {
    const names = async (query: string) => (await list(query)).items.map((p) => p.name).sort();
    expect(await names('?minPrice=12.1&maxPrice=12.1')).toEqual([
      'Green TEA leaves',
      'Sugar bowl 50 percent',
    ]);
    expect(await names('?minPrice=7&maxPrice=19.99')).toEqual([
      'Coffee mug',
      'Green TEA leaves',
      'Sugar bowl 50 percent',
      'Teapot',
    ]);
    expect(await names('?maxPrice=4.5')).toEqual(['Sugar_bowl 50%', 'Tea cup']);
    expect(await names('?minPrice=19.99')).toEqual(['Teapot']);
    expect((await list('?minPrice=20')).total).toBe(0);
    const page = await list('?minPrice=4.5&maxPrice=12.1&limit=1');
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(1);
  });

  it('filters by a case-insensitive substring of the name', async () => {
    const names = async (query: string) => (await list(query)).items.map((p) => p.name).sort();
    expect(await names('?q=tea')).toEqual(['Green TEA leaves', 'Tea cup', 'Teapot']);
    expect(await names('?q=TEAP')).toEqual(['Teapot']);
    expect(await names('?q=mug')).toEqual(['Coffee mug']);
    expect(await names('?q=nothing-like-this')).toEqual([]);
    expect(await names('?q=tea&maxPrice=10')).toEqual(['Tea cup']);
  });

  it('matches % and _ in q as the characters themselves, not as wildcards', async () => {
    const names = async (q: string) =>
      (await list(`?q=${encodeURIComponent(q)}`)).items.map((p) => p.name).sort();
    expect(await names('50%')).toEqual(['Sugar_bowl 50%']);
    expect(await names('sugar_')).toEqual(['Sugar_bowl 50%']);
    expect(await names('%')).toEqual(['Sugar_bowl 50%']);
  });
});
