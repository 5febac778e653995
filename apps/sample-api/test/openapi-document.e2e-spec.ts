/**
 * The OpenAPI document at `/docs-json`: valid (swagger-parser), clean under Redocly's
 * recommended rules, and saying what the server enforces (integer bounds, lengths, item
 * counts, closed bodies, money precision, formats, one ErrorResponse schema for every 4xx,
 * which the answers of the boundary, the pipes and the filters match). Also: one message per
 * field when a value breaks several rules. No database rows are needed beyond SQLite in memory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiHarness, startApi, useFastPasswordHashes } from './support/api-app';
import {
  dereference,
  fetchDocument,
  OpenApiDocument,
  runOpenApiTool,
  SchemaValidators,
} from './support/openapi-contract';

jest.setTimeout(60_000);
useFastPasswordHashes();

const MAX_ID = 2147483647;
const ERROR_REF = { $ref: '#/components/schemas/ErrorResponse' };

describe('sample api OpenAPI document', () => {
  let api: ApiHarness;
  let document: OpenApiDocument;
  let dir: string;
  let file: string;
  const operations = () =>
    Object.entries(document.paths as Record<string, Record<string, OpenApiDocument>>).flatMap(
      ([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ id: `${method} ${path}`, op })),
    );
  const schemas = () => document.components.schemas as Record<string, OpenApiDocument>;

  beforeAll(async () => {
    api = await startApi('sqlite::memory:');
    document = await fetchDocument(api);
    dir = mkdtempSync(join(tmpdir(), 'sample-api-openapi-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
  });
  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is a valid OpenAPI 3 document for swagger-parser', () => {
    expect(runOpenApiTool(['validate', file])).toBe('valid');
  });

  it("has no problem under Redocly's recommended rules (errors or warnings)", () => {
    const problems = JSON.parse(runOpenApiTool(['lint', file])) as Array<{ severity: string }>;
    expect(problems).toEqual([]);
  });

  it('lists a server, and gives every operation a summary and a declared tag', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: expect.any(String) })]);
    const declared = (document.tags as Array<{ name: string }>).map((t) => t.name);
    for (const { id, op } of operations()) {
      expect({ id, summary: typeof op.summary === 'string' && op.summary.length > 0 }).toEqual({
        id,
        summary: true,
      });
      expect({ id, tags: op.tags }).toEqual({ id, tags: [expect.any(String)] });
      expect(declared).toContain(op.tags[0]);
    }
  });

  it('answers every 4xx of every operation with the shared ErrorResponse schema', () => {
    const expected: Record<string, number[]> = {
      'get /health': [400, 413, 415],
      'post /customers': [400, 409, 413, 415],
      'get /customers/{id}': [400, 404, 413, 415],
      'patch /customers/{id}': [400, 404, 409, 413, 415],
      'delete /customers/{id}': [400, 404, 409, 413, 415],
      'post /products': [400, 413, 415],
      'get /products': [400, 413, 415],
      'get /products/{id}': [400, 404, 413, 415],
      'post /orders': [400, 404, 409, 413, 415, 422],
      'get /orders': [400, 413, 415],
      'get /orders/{id}': [400, 404, 413, 415],
      'post /hooks/{path}': [400, 401, 404, 409, 413, 415],
    };
    const actual = Object.fromEntries(
      operations().map(({ id, op }) => {
        const codes = Object.keys(op.responses)
          .map(Number)
          .filter((s) => s >= 400 && s < 500);
        for (const code of codes) {
          expect({
            id,
            code,
            schema: op.responses[code].content['application/json'].schema,
          }).toEqual({ id, code, schema: ERROR_REF });
        }
        return [id, codes.sort()];
      }),
    );
    expect(actual).toEqual(expected);
    const error = schemas().ErrorResponse;
    expect(error.required.sort()).toEqual(['error', 'message', 'statusCode']);
    expect(Object.keys(error.properties).sort()).toEqual([
      'context',
      'error',
      'issues',
      'message',
      'statusCode',
    ]);
  });

  it('types ids, counts and page bounds as bounded integers', () => {
    const s = schemas();
    const integer = (minimum: number, maximum: number) =>
      expect.objectContaining({ type: 'integer', minimum, maximum });
    expect(s.CreateProductDto.properties.stock).toEqual(integer(0, MAX_ID));
    expect(s.CreateOrderDto.properties.customerId).toEqual(integer(1, MAX_ID));
    expect(s.OrderLineDto.properties).toEqual({
      productId: integer(1, MAX_ID),
      quantity: integer(1, 10000),
    });
    for (const view of ['CustomerView', 'ProductView', 'OrderView']) {
      expect(s[view].properties.id).toEqual(integer(1, MAX_ID));
    }
    expect(s.ProductView.properties.stock).toEqual(integer(0, MAX_ID));
    expect(s.OrderItemView.properties.quantity).toEqual(integer(1, 10000));
    for (const path of ['/customers/{id}', '/products/{id}', '/orders/{id}']) {
      for (const op of Object.values(document.paths[path] as Record<string, OpenApiDocument>)) {
        expect(op.parameters).toEqual([
          expect.objectContaining({ name: 'id', in: 'path', schema: integer(1, MAX_ID) }),
        ]);
      }
    }
    for (const path of ['/products', '/orders']) {
      const params = document.paths[path].get.parameters as OpenApiDocument[];
      expect(params.find((p) => p.name === 'limit')!.schema).toEqual(integer(1, 100));
      expect(params.find((p) => p.name === 'offset')!.schema).toEqual(integer(0, MAX_ID));
    }
  });

  it('states lengths, item counts, money precision and formats', () => {
    const s = schemas();
    expect(s.CreateCustomerDto.properties).toEqual({
      name: expect.objectContaining({ type: 'string', minLength: 1, maxLength: 100 }),
      email: expect.objectContaining({ type: 'string', format: 'email', maxLength: 254 }),
      password: expect.objectContaining({ minLength: 8, maxLength: 128, writeOnly: true }),
    });
    expect(s.CreateProductDto.properties.name).toEqual(
      expect.objectContaining({ minLength: 1, maxLength: 200 }),
    );
    expect(s.CreateOrderDto.properties.items).toEqual(
      expect.objectContaining({ minItems: 1, maxItems: 100, 'x-unique-by': 'productId' }),
    );
    const money = expect.objectContaining({
      type: 'number',
      minimum: 0,
      maximum: 9999999999.99,
      'x-decimal-places': 2,
    });
    expect(s.CreateProductDto.properties.price).toEqual(money);
    expect(s.ProductView.properties.price).toEqual(money);
    expect(s.OrderView.properties.total).toEqual(money);
    expect(s.OrderItemView.properties).toEqual(
      expect.objectContaining({ unitPrice: money, lineTotal: money }),
    );
    for (const view of ['CustomerView', 'ProductView', 'OrderView']) {
      expect(s[view].properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
    }
  });

  it('closes every object schema (additionalProperties: false), as the server refuses unknown properties', async () => {
    for (const [name, schema] of Object.entries(schemas())) {
      expect({ name, additionalProperties: schema.additionalProperties }).toEqual({
        name,
        additionalProperties: false,
      });
    }
    for (const [path, body] of [
      ['/customers', { name: 'Ada', email: 'ada@example.com', password: 'long enough', role: 'x' }],
      ['/products', { name: 'Teapot', price: 1, stock: 1, discount: 5 }],
      ['/orders', { customerId: 1, items: [{ productId: 1, quantity: 1, note: 'x' }] }],
    ] as const) {
      const res = await api.http().post(path).send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
    }
  });

  it('describes /health with a schema for both of its answers', () => {
    const health = document.paths['/health'].get.responses;
    const ref = { $ref: '#/components/schemas/HealthView' };
    expect(health['200'].content['application/json'].schema).toEqual(ref);
    expect(health['503'].content['application/json'].schema).toEqual(ref);
    expect(schemas().HealthView).toEqual(
      expect.objectContaining({
        required: ['status', 'db', 'cron'],
        properties: {
          status: expect.objectContaining({ enum: ['ok', 'error'] }),
          db: expect.objectContaining({ enum: ['up', 'down'] }),
          cron: expect.objectContaining({ enum: ['up', 'down'] }),
        },
      }),
    );
  });

  it('matches what the boundary, the validation pipe, the filters and the order rules answer', async () => {
    const validators = new SchemaValidators();
    const errorSchema = dereference(document).components.schemas.ErrorResponse;
    const customer = { name: 'Ada', email: 'ada@example.com', password: 'long enough' };
    const answers = [
      await api.http().post('/customers').send(customer), // 201, then the same email again
      await api.http().post('/customers').send(customer),
      await api
        .http()
        .post('/customers')
        .send({ ...customer, email: 'nope' }),
      await api.http().get('/customers/999'),
      await api.http().get('/customers/1.5'),
      await api.http().post('/customers').set('content-type', 'text/plain').send('name=Ada'),
      await api.http().post('/customers').set('content-type', 'application/json').send('{"name":'),
      await api
        .http()
        .post('/customers')
        .send({ ...customer, name: 'x'.repeat(200 * 1024) }),
      await api.http().post('/products').send({ name: 'Gold', price: 9999999999.99, stock: 5 }),
      await api
        .http()
        .post('/orders')
        .send({ customerId: 1, items: [{ productId: 1, quantity: 2 }] }),
      await api
        .http()
        .post('/orders')
        .send({ customerId: 1, items: [{ productId: 9, quantity: 1 }] }),
      await api.http().post('/hooks/deploy').send({}),
    ];
    expect(answers.map((res) => res.status)).toEqual([
      201, 409, 400, 404, 400, 415, 400, 413, 201, 422, 404, 401,
    ]);
    for (const res of answers.filter((r) => r.status >= 400)) {
      const problems = validators.errors(errorSchema, res.body);
      expect({ status: res.status, body: res.body, problems }).toEqual({
        status: res.status,
        body: res.body,
        problems: undefined,
      });
    }
  });
});

describe('sample api validation: one message per field', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('sqlite::memory:');
  });
  afterAll(() => api?.close());

  it.each([
    ['/products?limit=2.5', 'limit', 'limit must be an integer number'],
    ['/products?limit=abc', 'limit', 'limit must be an integer number'],
    ['/orders?offset=-1.5', 'offset', 'offset must be an integer number'],
    ['/products?limit=0', 'limit', 'limit must not be less than 1'],
    ['/products?limit=101', 'limit', 'limit must not be greater than 100'],
    [
      '/products?minPrice=abc',
      'minPrice',
      'minPrice must be a number conforming to the specified constraints',
    ],
    ['/customers/2.5', 'id', `id must be a positive integer no greater than ${MAX_ID}`],
  ])('GET %s answers only the first rule %s breaks', async (url, field, message) => {
    const res = await api.http().get(url);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [message],
      issues: [{ field, messages: [message] }],
    });
  });

  it.each([
    [
      'a string stock',
      { name: 'Teapot', price: 1, stock: '7' },
      'stock',
      'stock must be an integer number',
    ],
    [
      'a float stock',
      { name: 'Teapot', price: 1, stock: -1.5 },
      'stock',
      'stock must be an integer number',
    ],
    [
      'a string price',
      { name: 'Teapot', price: 'abc', stock: 1 },
      'price',
      'price must be a number conforming to the specified constraints',
    ],
    [
      'a negative price with decimals',
      { name: 'Teapot', price: -1.234, stock: 1 },
      'price',
      'price must have at most two decimals',
    ],
    ['a number as name', { name: 7, price: 1, stock: 1 }, 'name', 'name must be a string'],
  ])('POST /products with %s answers one message', async (_, body, field, message) => {
    const res = await api.http().post('/products').send(body);
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ field, messages: [message] }]);
  });

  it('counts lengths in characters, as the document does (variation selectors included)', async () => {
    const customer = { name: 'Ada', email: 'vs@example.com', password: 'abcdefg\ufe0e' };
    expect((await api.http().post('/customers').send(customer)).status).toBe(201);
    const long = await api
      .http()
      .post('/customers')
      .send({ ...customer, email: 'vs2@example.com', name: `${'a'.repeat(100)}\ufe0f` });
    expect(long.status).toBe(400);
    expect(long.body.issues).toEqual([
      { field: 'name', messages: ['name must be shorter than or equal to 100 characters'] },
    ]);
  });

  it('answers one message per field when several fields are wrong', async () => {
    const res = await api.http().post('/orders').send({ customerId: 'x', items: 'none' });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { field: 'customerId', messages: ['customerId must be an integer number'] },
      { field: 'items', messages: ['items must be an array'] },
    ]);
  });
});
