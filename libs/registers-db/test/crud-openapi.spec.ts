import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { crudApp } from './support/crud-app';
import { componentSchema, openApiDocument } from './support/openapi-document';
import { validateOpenApi } from './support/validate-openapi';

describe('OpenAPI document of RegistersCrudModule routes', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  // Starting the application opens no database.
  beforeAll(async () => {
    app = await crudApp('sqlite::memory:');
    document = openApiDocument(app);
  });
  afterAll(() => app.close());

  const parameters = (path: string, method: string) =>
    ((document.paths[path] as any)[method].parameters ?? []) as Array<Record<string, any>>;

  it('validates with swagger-parser', async () => {
    expect(await validateOpenApi(document)).toBe('valid');
    // The check can fail: a broken reference is reported.
    const broken = structuredClone(document) as any;
    broken.paths['/products'].get.responses['200'].content[
      'application/json'
    ].schema.properties.items.items = { $ref: '#/components/schemas/Missing' };
    expect(await validateOpenApi(broken)).toMatch(/Missing/);
  });

  it('documents only the enabled routes', () => {
    expect(Object.keys(document.paths['/products'])).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/products/{id}']).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    expect(Object.keys(document.paths['/members/{id}']).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(document.paths['/tags'])).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/tags/{id}'])).toEqual(['get']);
  });

  it('lists each allowed filter as a typed query parameter', () => {
    const byName = new Map(parameters('/products', 'get').map((p) => [p.name, p]));
    expect(byName.get('price__gte')?.schema).toEqual({
      type: 'number',
      minimum: -99999999.99,
      maximum: 99999999.99,
    });
    expect(byName.get('stock__lt')?.schema).toMatchObject({ type: 'integer', format: 'int32' });
    expect(byName.get('stock__is_null')?.schema).toEqual({ type: 'boolean' });
    expect(byName.get('name__icontains')?.schema).toEqual({ type: 'string', maxLength: 60 });
    expect(byName.get('status')?.schema).toEqual({ type: 'string', enum: ['draft', 'live'] });
    expect(byName.get('status__in')?.schema).toMatchObject({
      type: 'array',
      items: { type: 'string', enum: ['draft', 'live'] },
    });
    expect(byName.get('price__between')?.schema).toMatchObject({ minItems: 2, maxItems: 2 });
    expect(byName.get('launchedOn__gte')?.schema).toEqual({ type: 'string', format: 'date' });
    expect(byName.get('createdAt__lt')?.schema).toEqual({ type: 'string', format: 'date-time' });
    expect(byName.get('views__gt')?.schema).toMatchObject({ type: 'string', format: 'int64' });
    expect([...byName.values()].every((p) => p.in === 'query' && p.required === false)).toBe(true);
    // not filterable, or not an operator of the type
    for (const absent of ['notes', 'price__contains', 'featured__gt', 'name__between'])
      expect(byName.has(absent)).toBe(false);
    expect(byName.has('orderBy') && byName.has('limit') && byName.has('offset')).toBe(true);
  });

  it('types the key parameter and documents guarded routes as 403', () => {
    const product = parameters('/products/{id}', 'get').find((p) => p.name === 'id');
    expect(product).toMatchObject({
      in: 'path',
      required: true,
      schema: { type: 'integer', format: 'int32' },
    });
    const member = parameters('/members/{id}', 'get').find((p) => p.name === 'id');
    expect(member?.schema).toEqual({ type: 'string', format: 'uuid' });
    const paths = document.paths as any;
    expect(Object.keys(paths['/products/{id}'].delete.responses)).toContain('403');
    expect(Object.keys(paths['/products/{id}'].get.responses)).not.toContain('403');
  });

  it('narrows the parameters to the declared operators', () => {
    const names = parameters('/members', 'get').map((p) => p.name);
    expect(names).toEqual(['email', 'email__icontains', 'orderBy', 'limit', 'offset', 'cursor']);
    expect(parameters('/tags', 'get').map((p) => p.name)).toEqual([
      'orderBy',
      'limit',
      'offset',
      'cursor',
    ]);
  });

  it('documents bodies and responses with the derived DTOs, never a secret in a response', () => {
    const post = (document.paths['/members'] as any).post;
    expect(post.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateApiMemberDto',
    });
    expect(post.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ApiMemberView',
    });
    expect(Object.keys(componentSchema(document, 'ApiMemberView').properties)).toEqual([
      'id',
      'email',
    ]);
    expect(componentSchema(document, 'CreateApiMemberDto').properties.password).toMatchObject({
      writeOnly: true,
      format: 'password',
    });
    const list = (document.paths['/products'] as any).get.responses['200'].content[
      'application/json'
    ];
    expect(list.schema.properties.items.items).toEqual({
      $ref: '#/components/schemas/ApiProductView',
    });
    expect(list.schema.required).toEqual(['items', 'total', 'limit']);
    expect(list.schema.properties.nextCursor).toMatchObject({ type: 'string', nullable: true });
    const missing = (document.paths['/products/{id}'] as any).get.responses['404'];
    expect(missing.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/RegistersErrorResponse',
    });
  });
});
