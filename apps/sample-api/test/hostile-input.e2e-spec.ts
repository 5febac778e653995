/**
 * Hostile and unusual input (SPEC 7) against each dialect: it is refused or stored literally,
 * never executed or merged, and a refused request writes nothing.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { Customer } from '../src/customers/customer.model';
import { Product } from '../src/products/product.model';
import { ApiHarness, startApi, useFastPasswordHashes } from './support/api-app';

jest.setTimeout(60_000);

describeEachDialect('sample api hostile input', (target) => {
  let api: ApiHarness;
  const json = (method: 'post' | 'patch', path: string, raw: string) =>
    api.http()[method](path).set('content-type', 'application/json').send(raw);

  useFastPasswordHashes();
  beforeAll(async () => {
    api = await startApi(target().url);
  });
  afterAll(() => api?.close());

  it('refuses __proto__, constructor and prototype keys anywhere in a body, writing nothing', async () => {
    const bodies = [
      '{"name":"Eve","email":"eve@example.com","password":"long enough","__proto__":{"isAdmin":true}}',
      '{"name":"Eve","email":"eve@example.com","password":"long enough","constructor":{"prototype":{"x":1}}}',
    ];
    for (const raw of bodies) {
      const res = await json('post', '/customers', raw);
      expect(res.status).toBe(400);
      expect(res.body.issues[0].field).toMatch(/^(__proto__|constructor)$/);
    }
    const nested = await json(
      'post',
      '/orders',
      '{"customerId":1,"items":[{"productId":1,"quantity":1,"__proto__":{"quantity":0}}]}',
    );
    expect(nested.status).toBe(400);
    expect(nested.body.issues).toEqual([
      { field: 'items.0.__proto__', messages: ['property items.0.__proto__ should not exist'] },
    ]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await api.registry.manager(Customer).count()).toBe(0);
  });

  it('refuses a query parameter named __proto__', async () => {
    expect((await api.http().get('/products?__proto__[limit]=1')).status).toBe(400);
  });

  it('answers 400 to malformed JSON and to a body that is not an object', async () => {
    expect((await json('post', '/customers', '{"name": "Eve",')).status).toBe(400);
    expect((await json('post', '/products', '[1, 2, 3]')).status).toBe(400);
    expect((await json('post', '/products', '"teapot"')).status).toBe(400);
    expect(await api.registry.manager(Product).count()).toBe(0);
  });

  it('refuses prices that JSON turns into Infinity and numbers beyond the column', async () => {
    for (const price of ['1e400', '-0.01', '10000000000', '0.001']) {
      const res = await json('post', '/products', `{"name":"Pot","price":${price},"stock":1}`);
      expect({ price, status: res.status }).toEqual({ price, status: 400 });
    }
    expect(await api.registry.manager(Product).count()).toBe(0);
  });

  it('stores SQL-looking and non-ASCII names literally and finds them by substring', async () => {
    const names = ["Robert'); DROP TABLE products;--", 'Thé vert 🍵 — 緑茶', 'x" OR 1=1 --'];
    for (const name of names) {
      const res = await api.http().post('/products').send({ name, price: 1, stock: 1 });
      expect(res.status).toBe(201);
      expect(res.body.name).toBe(name);
      expect((await api.http().get(`/products/${res.body.id}`)).body.name).toBe(name);
    }
    const found = await api.http().get(`/products?q=${encodeURIComponent("'); DROP")}`);
    expect(found.body.items.map((p: { name: string }) => p.name)).toEqual([names[0]]);
    const tea = await api.http().get(`/products?q=${encodeURIComponent('🍵 — 緑')}`);
    expect(tea.body.total).toBe(1);
    expect(
      (await api.http().get(`/products?q=${encodeURIComponent("' OR '1'='1")}`)).body.total,
    ).toBe(0);
    expect(await api.registry.manager(Product).count()).toBe(3);
  });

  it('answers 400 to names and queries beyond their length limits', async () => {
    const long = 'x'.repeat(201);
    expect(
      (await api.http().post('/products').send({ name: long, price: 1, stock: 1 })).status,
    ).toBe(400);
    expect((await api.http().get(`/products?q=${long}`)).status).toBe(400);
    const email = `${'a'.repeat(250)}@example.com`;
    const res = await api
      .http()
      .post('/customers')
      .send({ name: 'Long', email, password: 'long enough' });
    expect(res.status).toBe(400);
  });

  it('creates exactly one customer when many requests race for the same email', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api
          .http()
          .post('/customers')
          .send({ name: `Racer ${i}`, email: 'race@example.com', password: 'long enough' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect(await api.registry.manager(Customer).count({ email: 'race@example.com' })).toBe(1);
  });
});
