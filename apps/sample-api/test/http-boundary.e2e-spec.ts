/**
 * The HTTP boundary in front of every route, against each dialect: JSON bodies only (415),
 * the size limit (413), bad compression and malformed JSON (400), the nesting limit (400), each
 * answered as JSON with nothing written and logged as one warn line without a stack.
 */
import { gzipSync } from 'node:zlib';
import { describeEachDialect } from '../../../test/support/dialects';
import { Customer } from '../src/customers/customer.model';
import { JSON_BODY_LIMIT_BYTES } from '../src/http/json-body.parser';
import { MAX_JSON_DEPTH } from '../src/http/json-depth';
import { Order } from '../src/orders/order.model';
import { Product } from '../src/products/product.model';
import { ApiHarness, rawRequest, startApi, useFastPasswordHashes } from './support/api-app';

jest.setTimeout(60_000);

/** `{"a":{"a":…{"a":1}…}}` with `depth` objects. */
function nestedObject(depth: number): string {
  return '{"a":'.repeat(depth - 1) + '{"a":1' + '}'.repeat(depth);
}

/** `[[…[1]…]]` with `depth` arrays, as the value of `key` in an otherwise valid body. */
function withNestedArray(body: object, key: string, depth: number): string {
  const json = JSON.stringify(body);
  return `${json.slice(0, -1)},"${key}":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
}

const PRODUCT = { name: 'Teapot', price: 19.99, stock: 5 };

describeEachDialect('sample api http boundary', (target) => {
  let api: ApiHarness;
  const raw = (method: 'post' | 'patch', path: string, type: string, body: string | Buffer) =>
    api.http()[method](path).set('content-type', type).send(body);
  const counts = async () => ({
    customers: await api.registry.manager(Customer).count(),
    products: await api.registry.manager(Product).count(),
    orders: await api.registry.manager(Order).count(),
  });
  const EMPTY = { customers: 0, products: 0, orders: 0 };
  const encoded = (encoding: string, body: Buffer) =>
    rawRequest(api, {
      method: 'POST',
      path: '/products',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body,
    });

  useFastPasswordHashes();
  beforeAll(async () => {
    api = await startApi(target().url);
  });
  afterAll(() => api?.close());

  describe('nesting limit', () => {
    const deepMessage = `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`;

    it.each([
      ['POST', '/products'],
      ['POST', '/customers'],
      ['POST', '/orders'],
      ['PATCH', '/customers/1'],
    ])('answers 400 to %s %s with a body nested 2,000 and 1,000 levels', async (method, path) => {
      for (const depth of [2_000, 1_000, MAX_JSON_DEPTH + 1]) {
        const verb = method === 'POST' ? 'post' : 'patch';
        const res = await raw(verb, path, 'application/json', nestedObject(depth));
        expect({ depth, status: res.status, body: res.body }).toEqual({
          depth,
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', message: deepMessage },
        });
      }
      expect(await counts()).toEqual(EMPTY);
    });

    it('refuses deep arrays inside an otherwise valid body, and counts no brackets in strings', async () => {
      const deep = withNestedArray(PRODUCT, 'extra', 5_000);
      expect((await raw('post', '/products', 'application/json', deep)).body.message).toBe(
        deepMessage,
      );
      expect(await counts()).toEqual(EMPTY);

      const bracketsInName = JSON.stringify({ ...PRODUCT, name: '[{'.repeat(100) });
      const res = await raw('post', '/products', 'application/json', bracketsInName);
      expect(res.status).toBe(201);
      expect(res.body.name).toBe('[{'.repeat(100));
      await api.registry.manager(Product).delete(res.body.id);
    });

    it(`lets a body of exactly ${MAX_JSON_DEPTH} levels reach validation (unknown property, 400)`, async () => {
      const res = await raw(
        'post',
        '/products',
        'application/json',
        withNestedArray(PRODUCT, 'extra', MAX_JSON_DEPTH - 1),
      );
      expect(res.status).toBe(400);
      expect(res.body.issues).toEqual([
        { field: 'extra', messages: ['property extra should not exist'] },
      ]);
      expect(await counts()).toEqual(EMPTY);
    });
  });

  describe('content types', () => {
    const jsonOnly = {
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'Request bodies must be JSON: send Content-Type: application/json (UTF-8)',
    };
    const form = 'name=Teapot&price=19.99&stock=5';

    it.each([
      ['application/x-www-form-urlencoded', form],
      [
        'multipart/form-data; boundary=x',
        '--x\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      ],
      ['text/plain', JSON.stringify(PRODUCT)],
      ['application/octet-stream', JSON.stringify(PRODUCT)],
      ['application/json; charset=latin1', JSON.stringify(PRODUCT)],
      ['application/vnd.api+json', JSON.stringify(PRODUCT)],
    ])('answers 415 to a %s body on every route with a body', async (type, body) => {
      for (const [method, path] of [
        ['post', '/products'],
        ['post', '/customers'],
        ['post', '/orders'],
        ['patch', '/customers/1'],
      ] as const) {
        const res = await raw(method, path, type, body);
        expect({ path, status: res.status, body: res.body }).toEqual({
          path,
          status: 415,
          body: jsonOnly,
        });
      }
      expect(await counts()).toEqual(EMPTY);
    });

    it('accepts application/json with and without charset=utf-8, and bodiless requests of any type', async () => {
      for (const type of ['application/json', 'Application/JSON; charset=UTF-8']) {
        const res = await raw('post', '/products', type, JSON.stringify(PRODUCT));
        expect({ type, status: res.status }).toEqual({ type, status: 201 });
        await api.registry.manager(Product).delete(res.body.id);
      }
      const list = await api.http().get('/products').set('content-type', 'text/plain');
      expect(list.status).toBe(200);
    });
  });

  describe('size, compression and syntax', () => {
    it(`answers 413 to a body larger than ${JSON_BODY_LIMIT_BYTES / 1024} KiB, also once decompressed`, async () => {
      const big = JSON.stringify({ ...PRODUCT, name: 'x'.repeat(JSON_BODY_LIMIT_BYTES) });
      const expected = {
        statusCode: 413,
        error: 'Payload Too Large',
        message: `The request body is larger than the ${JSON_BODY_LIMIT_BYTES / 1024} KiB limit`,
      };
      const plain = await raw('post', '/products', 'application/json', big);
      expect({ status: plain.status, body: plain.body }).toEqual({ status: 413, body: expected });
      const zipped = await encoded('gzip', gzipSync(big));
      expect({ status: zipped.status, body: zipped.body }).toEqual({ status: 413, body: expected });
      expect(await counts()).toEqual(EMPTY);
    });

    it('answers 400 to a body that is not the gzip it claims, 415 to an unknown encoding, and reads a good gzip body', async () => {
      const bad = await encoded('gzip', Buffer.from('not gzip at all'));
      expect({ status: bad.status, body: bad.body }).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: 'The request body could not be decompressed as its Content-Encoding says',
        },
      });
      const unknown = await encoded('compress', Buffer.from(JSON.stringify(PRODUCT)));
      expect(unknown.status).toBe(415);
      expect(unknown.body).toMatchObject({
        message: 'Content-Encoding must be gzip, deflate, br or identity',
      });
      expect(await counts()).toEqual(EMPTY);

      const good = await encoded('gzip', gzipSync(JSON.stringify(PRODUCT)));
      expect(good.status).toBe(201);
      expect(good.body).toMatchObject(PRODUCT);
      await api.registry.manager(Product).delete((good.body as { id: number }).id);
    });

    it('answers 400 to malformed JSON without quoting the body', async () => {
      const res = await raw('post', '/customers', 'application/json', '{"name": "SecretEve",');
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The request body is not valid JSON; send one JSON object',
      });
      expect(res.text).not.toContain('SecretEve');
      expect(await counts()).toEqual(EMPTY);
    });
  });

  it('logs refused bodies as one warn line each, without a stack, the body or an error line', async () => {
    const before = api.logger.lines.length;
    await raw('post', '/products', 'application/x-www-form-urlencoded', 'name=SecretName');
    await raw(
      'post',
      '/products',
      'application/json',
      JSON.stringify({ name: 'y'.repeat(200_000) }),
    );
    await raw('post', '/products', 'application/json', nestedObject(3_000));
    await raw('post', '/products', 'application/json', '{"name":"SecretName"');
    await encoded('gzip', Buffer.from('SecretName'));
    const lines = api.logger.lines.slice(before);
    expect(lines).toEqual([
      `warn 415 POST /products: Request bodies must be JSON: send Content-Type: application/json (UTF-8) HttpBoundary`,
      `warn 413 POST /products: The request body is larger than the ${JSON_BODY_LIMIT_BYTES / 1024} KiB limit HttpBoundary`,
      `warn 400 POST /products: The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels HttpBoundary`,
      'warn 400 POST /products: The request body is not valid JSON; send one JSON object HttpBoundary',
      'warn 400 POST /products: The request body could not be decompressed as its Content-Encoding says HttpBoundary',
    ]);
  });
});
