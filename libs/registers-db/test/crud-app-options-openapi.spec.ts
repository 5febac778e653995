import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { RegistersCrudModule } from '../src/crud';
import { ConfigurationError } from '../src/errors';
import { ApiProduct } from './support/api-models';
import { crudOptionsApp, ShopQuery } from './support/crud-app-options-app';
import { openApiDocument } from './support/openapi-document';
import { validateOpenApi } from './support/validate-openapi';

describe('OpenAPI document of a resource with aliases, defaultOrder, app validation and errorResponse', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  // Starting the application opens no database.
  beforeAll(async () => {
    app = await crudOptionsApp('sqlite::memory:');
    document = openApiDocument(app);
  });
  afterAll(() => app.close());

  const operation = (path: string, method: string) => (document.paths[path] as any)[method];
  const parameter = (path: string, method: string, name: string) =>
    operation(path, method).parameters.find((p: any) => p.name === name);

  it('validates with swagger-parser', async () => {
    expect(await validateOpenApi(document)).toBe('valid');
  });

  it("documents each alias as its own parameter with the field's type, not the filter it stands for", () => {
    const names = operation('/catalog', 'get').parameters.map((p: any) => p.name);
    expect(names).toEqual([
      'status',
      'minPrice',
      'maxPrice',
      'q',
      'orderBy',
      'limit',
      'offset',
      'cursor',
    ]);
    expect(parameter('/catalog', 'get', 'minPrice')).toMatchObject({
      in: 'query',
      required: false,
      description: 'price at least (the filter price__gte)',
      schema: { type: 'number', minimum: -99999999.99, maximum: 99999999.99 },
    });
    expect(parameter('/catalog', 'get', 'q').schema).toMatchObject({
      type: 'string',
      maxLength: 60,
    });
    expect(parameter('/catalog', 'get', 'orderBy').description).toMatch(/Default: -id\.$/);
  });

  it("documents a query class's properties as the list's parameters", () => {
    expect(operation('/shop', 'get').parameters.map((p: any) => p.name)).toEqual([
      'minPrice',
      'q',
      'limit',
      'offset',
    ]);
    expect(parameter('/shop', 'get', 'limit').schema).toMatchObject({ maximum: 50, default: 20 });
  });

  it('documents a 409 on writes only where one can happen, and the extra statuses', () => {
    const statuses = (path: string, method: string) =>
      Object.keys(operation(path, method).responses);
    // ApiProduct: an autoincrement key, no unique group, no foreign key.
    expect(statuses('/catalog', 'post')).toEqual(['201', '400']);
    expect(statuses('/catalog/{id}', 'patch')).toEqual(['200', '400', '404']);
    // Another table may still reference the record.
    expect(statuses('/catalog/{id}', 'delete')).toEqual(['204', '400', '404', '409']);
    expect(statuses('/shop', 'get')).toEqual(['200', '400', '413', '415']);
  });

  it('documents the id bounds of an autoincrement key', () => {
    expect(parameter('/catalog/{id}', 'get', 'id').schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 2147483647,
    });
  });

  it('names the derived DTOs as body types and the application error schema on every 4xx', () => {
    expect(operation('/catalog', 'post').requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CreateApiProductDto',
    });
    let fourHundreds = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods as Record<string, any>)) {
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          if (!status.startsWith('4')) continue;
          fourHundreds++;
          expect([path, method, status, response.content['application/json'].schema]).toEqual([
            path,
            method,
            status,
            { $ref: '#/components/schemas/AppError' },
          ]);
        }
      }
    }
    // catalog: list 400; get, update 400, 404; create 400; delete 400, 404, 409; shop: list 400, 413, 415
    expect(fourHundreds).toBe(12);
    expect(Object.keys(document.components!.schemas!)).not.toContain('RegistersErrorResponse');
  });
});

describe('RegistersCrudModule.forFeature filters and defaultOrder options', () => {
  const refuse = (options: object) => () =>
    RegistersCrudModule.forFeature([{ model: ApiProduct, path: 'products', ...options }]);

  it('refuses an alias that is a page parameter or already a filter', () => {
    expect(refuse({ filters: { limit: 'price__lte' } })).toThrow(ConfigurationError);
    expect(refuse({ filters: { limit: 'price__lte' } })).toThrow(
      /ApiProduct: filters declares the alias 'limit', which is already a query parameter/,
    );
    expect(refuse({ filterable: ['name'], filters: { name: 'price' } })).toThrow(/alias 'name'/);
  });

  it('refuses an alias for an unknown field or an unsupported operator', () => {
    expect(refuse({ filters: { colour: 'colour__eq' } })).toThrow(/filters names 'colour'/);
    expect(refuse({ filters: { cheap: 'price__icontains' } })).toThrow(
      /filterable allows 'icontains' on 'price'/,
    );
    expect(refuse({ filters: { x: 'price__nope' } })).toThrow(ConfigurationError);
  });

  it('refuses a query class without app validation, or declaring what is not a parameter', () => {
    expect(refuse({ query: ShopQuery, filters: { minPrice: 'price__gte', q: 'name' } })).toThrow(
      /ApiProduct: query names a class for the list's query, which only validation: 'app' uses/,
    );
    expect(refuse({ query: ShopQuery, validation: 'app', filters: { q: 'name' } })).toThrow(
      /the query class declares 'minPrice', which is neither a filter nor a page parameter of the list; use one of q, orderBy/,
    );
    expect(
      refuse({
        query: ShopQuery,
        validation: 'app',
        filters: { minPrice: 'price__gte', q: 'name' },
      }),
    ).not.toThrow();
  });

  it('refuses a defaultOrder on a field that is not sortable', () => {
    expect(refuse({ defaultOrder: '-price' })).toThrow(
      /ApiProduct: defaultOrder names 'price', which is not sortable; add it to sortable or use one of id/,
    );
    expect(refuse({ defaultOrder: ['-price'], sortable: ['price'] })).not.toThrow();
  });
});
