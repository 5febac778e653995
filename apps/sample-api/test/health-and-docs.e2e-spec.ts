/**
 * `GET /health` against each dialect and against databases that cannot be reached, and the
 * OpenAPI document and Swagger UI at `/docs-json` and `/docs`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect } from '../../../test/support/dialects';
import { ApiHarness, startApi } from './support/api-app';

jest.setTimeout(60_000);

describeEachDialect('sample api health', (target) => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi(target().url);
  });
  afterAll(() => api?.close());

  it('answers 200 { status: ok, db: up, cron: up } when the database answers', async () => {
    const res = await api.http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', cron: 'up' });
  });
});

describe('sample api health with an unreachable database', () => {
  const unreachable: Array<[string, string]> = [
    ['PostgreSQL on a closed port', 'postgres://postgres:s3cret-pw@127.0.0.1:1/shop'],
    ['MariaDB on a closed port', 'mysql://root:s3cret-pw@127.0.0.1:1/shop'],
    ['SQLite in a directory that cannot exist', 'sqlite:/dev/null/shop/shop.db'],
  ];

  it.each(unreachable)(
    'answers 503 { status: error, db: down, cron: down } for %s, without the URL or its password',
    async (_, url) => {
      const api = await startApi(url);
      try {
        const res = await api.http().get('/health');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ status: 'error', db: 'down', cron: 'down' });
        expect(res.text).not.toContain('s3cret-pw');
        expect(api.logger.lines.join('\n')).not.toContain('s3cret-pw');
      } finally {
        await api.close();
      }
    },
  );

  it('answers other requests with a generic 500 that names neither the URL nor the password', async () => {
    const api = await startApi('postgres://postgres:s3cret-pw@127.0.0.1:1/shop');
    try {
      const res = await api
        .http()
        .post('/customers')
        .send({ name: 'Ada', email: 'ada@example.com', password: 'hunter2hunter2' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'InternalServerError',
        message: 'Internal server error',
      });
      const logs = api.logger.lines.join('\n');
      for (const secret of ['s3cret-pw', 'hunter2hunter2']) {
        expect(res.text).not.toContain(secret);
        expect(logs).not.toContain(secret);
      }
    } finally {
      await api.close();
    }
  });

  it('answers 200 again once the database can be reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sample-api-health-'));
    const blocker = join(dir, 'data');
    writeFileSync(blocker, 'a file where the database directory should be');
    const api = await startApi(`sqlite:${join(blocker, 'shop.db')}`);
    try {
      expect((await api.http().get('/health')).status).toBe(503);
      rmSync(blocker);
      const res = await api.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok', db: 'up', cron: 'up' });
    } finally {
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sample api OpenAPI documentation', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('sqlite::memory:');
  });
  afterAll(() => api?.close());

  it('serves the OpenAPI document at /docs-json with every endpoint', async () => {
    const res = await api.http().get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const operations = Object.entries(res.body.paths as Record<string, object>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /health',
        'POST /customers',
        'GET /customers/{id}',
        'PATCH /customers/{id}',
        'DELETE /customers/{id}',
        'POST /products',
        'GET /products',
        'GET /products/{id}',
        'POST /orders',
        'GET /orders',
        'GET /orders/{id}',
        'POST /hooks/{path}', // the cron webhook triggers (POST /hooks/deploy)
      ].sort(),
    );
  });

  it('describes the bodies and answers from the DTOs, the password only as input', async () => {
    const { body } = await api.http().get('/docs-json');
    const schemas = body.components.schemas;
    expect(Object.keys(schemas.CreateCustomerDto.properties).sort()).toEqual([
      'email',
      'name',
      'password',
    ]);
    expect(schemas.CreateCustomerDto.required.sort()).toEqual(['email', 'name', 'password']);
    expect(schemas.UpdateCustomerDto.required ?? []).toEqual([]);
    expect(Object.keys(schemas.CustomerView.properties)).not.toContain('password');
    expect(Object.keys(schemas.CreateOrderDto.properties).sort()).toEqual(['customerId', 'items']);
    expect(Object.keys(schemas.OrderView.properties).sort()).toEqual([
      'createdAt',
      'customerId',
      'id',
      'items',
      'total',
    ]);
    const listProducts = body.paths['/products'].get.parameters
      .map((p: { name: string }) => p.name)
      .sort();
    expect(listProducts).toEqual(['limit', 'maxPrice', 'minPrice', 'offset', 'q']);
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await api.http().get('/docs').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/swagger-ui/i);
    const yaml = await api.http().get('/docs-yaml');
    expect(yaml.status).toBe(200);
    expect(yaml.text).toMatch(/^openapi: 3\./m);
  });
});
