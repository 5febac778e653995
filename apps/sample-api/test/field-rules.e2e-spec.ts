/**
 * Field values the validation rules used to crash on or the databases used to mangle, against
 * each dialect: exponent-notation prices, unpaired surrogates and NUL characters in any string
 * field, and names stored exactly as sent. Each refusal is a 400 naming the field, with nothing
 * written.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { Customer } from '../src/customers/customer.model';
import { Order } from '../src/orders/order.model';
import { Product } from '../src/products/product.model';
import { ApiHarness, startApi, useFastPasswordHashes } from './support/api-app';

jest.setTimeout(60_000);

const TEXT_RULE = 'must be well-formed text (no NUL characters and no unpaired UTF-16 surrogates)';

describeEachDialect('sample api field rules', (target) => {
  let api: ApiHarness;
  /** Raw JSON text, so that `\ud800` and `\u0000` escapes reach the server as written. */
  const json = (method: 'post' | 'patch', path: string, raw: string) =>
    api.http()[method](path).set('content-type', 'application/json').send(raw);
  const products = () => api.registry.manager(Product).count();
  const customers = () => api.registry.manager(Customer).count();

  useFastPasswordHashes();
  beforeAll(async () => {
    api = await startApi(target().url);
  });
  afterAll(() => api?.close());

  describe('prices in exponent notation', () => {
    it.each(['1e-7', '5e-324', '1E-3', '2.5e-3', '1.0005e1'])(
      'answers 400 naming price to %s (more than two decimals)',
      async (price) => {
        const res = await json('post', '/products', `{"name":"a","price":${price},"stock":1}`);
        expect({ status: res.status, issues: res.body.issues }).toEqual({
          status: 400,
          issues: [{ field: 'price', messages: ['price must have at most two decimals'] }],
        });
        expect(await products()).toBe(0);
      },
    );

    it('accepts exponent notation that is a whole number of cents', async () => {
      for (const [price, stored] of [
        ['1e2', 100],
        ['1.5e1', 15],
        ['1.25E0', 1.25],
        ['9.99999999999e9', 9999999999.99],
      ] as const) {
        const res = await json('post', '/products', `{"name":"e","price":${price},"stock":1}`);
        expect({ price, status: res.status, stored: res.body.price }).toEqual({
          price,
          status: 201,
          stored,
        });
        expect((await api.http().get(`/products/${res.body.id}`)).body.price).toBe(stored);
        await api.registry.manager(Product).delete(res.body.id);
      }
    });
  });

  describe('unpaired surrogates and NUL characters', () => {
    const bad = ['x\\ud800y', 'x\\udfffy', 'x\\u0000y', '\\ud83d'];

    it.each(bad)('answers 400 naming the field for %s in each customer field', async (text) => {
      const fields = { name: 'Ada', email: 'ada@example.com', password: 'long enough' };
      for (const field of Object.keys(fields)) {
        const value = field === 'email' ? `${text}@example.com` : `${text}${'p'.repeat(8)}`;
        const raw = JSON.stringify(fields).replace(
          `"${field}":"${fields[field as keyof typeof fields]}"`,
          `"${field}":"${value}"`,
        );
        const res = await json('post', '/customers', raw);
        expect({ field, status: res.status, issues: res.body.issues }).toEqual({
          field,
          status: 400,
          issues: [{ field, messages: [`${field} ${TEXT_RULE}`] }],
        });
      }
      expect(await customers()).toBe(0);
    });

    it('answers 400 on PATCH /customers/:id and leaves the customer as it was', async () => {
      const created = await api
        .http()
        .post('/customers')
        .send({ name: 'Grace', email: 'grace@example.com', password: 'long enough' });
      expect(created.status).toBe(201);
      const id = created.body.id;
      for (const raw of [
        '{"email":"gr\\ud800ace@example.com"}',
        '{"email":"grace@exam\\udc00ple.com"}',
        '{"name":"Gr\\u0000ace"}',
        '{"password":"long\\ud800enough"}',
      ]) {
        const res = await json('patch', `/customers/${id}`, raw);
        const field = Object.keys(JSON.parse(raw))[0];
        expect({ raw, status: res.status, field: res.body.issues?.[0]?.field }).toEqual({
          raw,
          status: 400,
          field,
        });
      }
      const stored = await api.registry.manager(Customer).require(id);
      expect({ name: stored.name, email: stored.email }).toEqual({
        name: 'Grace',
        email: 'grace@example.com',
      });
      await api.registry.manager(Customer).delete(id);
    });

    it('answers 400 naming the field on products, orders and the product search', async () => {
      const product = await json(
        'post',
        '/products',
        '{"name":"Tea\\u0000pot","price":1,"stock":1}',
      );
      expect(product.body.issues).toEqual([{ field: 'name', messages: [`name ${TEXT_RULE}`] }]);
      const order = await json(
        'post',
        '/orders',
        '{"customerId":1,"items":[{"productId":1,"quantity":"\\ud800"}]}',
      );
      expect(order.status).toBe(400);
      expect(order.body.issues).toEqual([
        { field: 'items.0.quantity', messages: [`items.0.quantity ${TEXT_RULE}`] },
      ]);
      const search = await api.http().get('/products?q=a%00b');
      expect(search.status).toBe(400);
      expect(search.body.issues).toEqual([{ field: 'q', messages: [`q ${TEXT_RULE}`] }]);
      expect(await products()).toBe(0);
      expect(await api.registry.manager(Order).count()).toBe(0);
    });

    it('stores paired surrogates (emoji) and other control characters as sent', async () => {
      const name = 'Tea \ud83c\udf75 tab\there';
      const res = await api.http().post('/products').send({ name, price: 1, stock: 1 });
      expect(res.status).toBe(201);
      expect((await api.http().get(`/products/${res.body.id}`)).body.name).toBe(name);
      await api.registry.manager(Product).delete(res.body.id);
    });
  });

  describe('names', () => {
    it.each([' !', '\t', '  Teapot  ', ' '])(
      'stores the product name %j exactly as sent, as the model does',
      async (name) => {
        const res = await api.http().post('/products').send({ name, price: 1, stock: 1 });
        expect({ status: res.status, name: res.body.name }).toEqual({ status: 201, name });
        expect((await api.registry.manager(Product).require(res.body.id)).name).toBe(name);
        await api.registry.manager(Product).delete(res.body.id);
      },
    );

    it('stores a customer name with its spaces, and still refuses an empty one', async () => {
      const res = await api
        .http()
        .post('/customers')
        .send({ name: ' Ada ', email: ' Ada@Example.com ', password: 'long enough' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: ' Ada ', email: 'ada@example.com' });
      const empty = await api.http().patch(`/customers/${res.body.id}`).send({ name: '' });
      expect(empty.body.issues).toEqual([
        { field: 'name', messages: ['name should not be empty'] },
      ]);
      expect((await api.registry.manager(Customer).require(res.body.id)).name).toBe(' Ada ');
      await api.registry.manager(Customer).delete(res.body.id);
    });

    it('says so in the OpenAPI document', async () => {
      const doc = (await api.http().get('/docs-json')).body;
      const schemas = doc.components.schemas;
      for (const [schema, field] of [
        ['CreateProductDto', 'name'],
        ['CreateCustomerDto', 'name'],
      ]) {
        expect(schemas[schema].properties[field].description).toContain('not trimmed');
      }
      expect(schemas.CreateCustomerDto.properties.email.description).toContain('lower-cased');
    });
  });
});
