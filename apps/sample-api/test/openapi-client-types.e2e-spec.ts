/**
 * A typed client from the OpenAPI document: openapi-typescript turns `/docs-json` into types
 * (in a temporary directory), and small openapi-fetch clients are type-checked against them
 * with the TypeScript compiler API. A valid call compiles; a body missing a required field does
 * not; the generated body and query types are closed, so an unknown property does not compile
 * where TypeScript checks excess properties (a value typed with them, or `satisfies` them);
 * error bodies are typed as ErrorResponse (not `never`). Integer and float are both `number`
 * in TypeScript, so ids cannot be checked here; the property suite checks them at run time.
 *
 * openapi-fetch infers its request options generically, and TypeScript does not check excess
 * properties of an inferred literal: an unknown property written straight into a call
 * compiles. That case is kept below so this README statement stays true.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { startApi } from './support/api-app';
import { fetchDocument, runOpenApiTool } from './support/openapi-contract';

jest.setTimeout(60_000);

const HEADER = `import createClient from 'openapi-fetch';
import type { components, paths } from './schema';
type ErrorResponse = components['schemas']['ErrorResponse'];
type Schemas = components['schemas'];
const client = createClient<paths>({ baseUrl: 'http://localhost:3000' });
`;

/** One client file per case: the ones named `ok-*` must compile, the others must not. */
const CASES: Record<string, string> = {
  'ok-calls': `
export async function shop() {
  const created = await client.POST('/customers', {
    body: { name: 'Ada', email: 'ada@example.com', password: 'long enough' },
  });
  const id: number | undefined = created.data?.id;
  await client.PATCH('/customers/{id}', { params: { path: { id: id ?? 1 } }, body: { name: 'Ada King' } });
  const page = await client.GET('/products', { params: { query: { limit: 10, q: 'tea' } } });
  const prices: number[] = page.data?.items.map((p) => p.price) ?? [];
  const order = await client.POST('/orders', {
    body: { customerId: 1, items: [{ productId: 1, quantity: 2 }] },
  });
  const health = await client.GET('/health');
  const status: 'ok' | 'error' | undefined = health.data?.status;
  return { prices, total: order.data?.total, status };
}`,
  'ok-error-bodies': `
type IsNever<T> = [T] extends [never] ? true : false;
export async function errors() {
  const { error } = await client.GET('/customers/{id}', { params: { path: { id: 1 } } });
  const notNever: IsNever<typeof error> = false;
  const typed: ErrorResponse | undefined = error;
  const back: typeof error = {} as ErrorResponse;
  const code: number | undefined = error?.statusCode;
  const fields: string[] | undefined = error?.issues?.map((i) => i.field);
  const message: string | string[] | undefined = error?.message;
  const order = await client.POST('/orders', { body: { customerId: 1, items: [] } });
  const total: string | undefined = order.error?.context?.total;
  return { notNever, typed, back, code, fields, message, total };
}`,
  'missing-required-field': `
export const call = client.POST('/customers', { body: { name: 'Ada', email: 'ada@example.com' } });`,
  'ok-unknown-property-inline': `
export const call = client.POST('/products', { body: { name: 'Teapot', price: 1, stock: 1, discount: 5 } });`,
  'unknown-body-property': `
export const call = client.POST('/products', {
  body: { name: 'Teapot', price: 1, stock: 1, discount: 5 } satisfies Schemas['CreateProductDto'],
});`,
  'unknown-nested-property': `
const body: Schemas['CreateOrderDto'] = {
  customerId: 1,
  items: [{ productId: 1, quantity: 1, note: 'gift' }],
};
export const call = client.POST('/orders', { body });`,
  'unknown-query-parameter': `
type OrdersQuery = NonNullable<paths['/orders']['get']['parameters']['query']>;
export const call = client.GET('/orders', {
  params: { query: { limit: 5, sort: 'id' } satisfies OrdersQuery },
});`,
  'error-field-that-does-not-exist': `
export async function errors() {
  const { error } = await client.GET('/products/{id}', { params: { path: { id: 1 } } });
  return error?.stack;
}`,
};

describe('sample api typed client from the OpenAPI document', () => {
  let dir: string;
  let diagnostics: Record<string, string[]>;

  beforeAll(async () => {
    const api = await startApi('sqlite::memory:');
    const document = await fetchDocument(api).finally(() => api.close());
    dir = mkdtempSync(join(tmpdir(), 'sample-api-client-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    runOpenApiTool(['types', join(dir, 'openapi.json'), join(dir, 'schema.ts')]);
    const files = Object.entries(CASES).map(([name, body]) => {
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, HEADER + body + '\n');
      return [name, file] as const;
    });
    // The repository's strictness, resolving openapi-fetch from this repository's packages.
    const fetchTypes = join(
      dirname(require.resolve('openapi-fetch/package.json')),
      'dist/index.d.ts',
    );
    const program = ts.createProgram(
      files.map(([, file]) => file),
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        esModuleInterop: true,
        skipLibCheck: true,
        types: [],
        baseUrl: dir,
        paths: { 'openapi-fetch': [fetchTypes] },
      },
    );
    diagnostics = Object.fromEntries(
      files.map(([name, file]) => [
        name,
        ts
          .getPreEmitDiagnostics(program, program.getSourceFile(file))
          .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')),
      ]),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles valid calls of every kind', () => {
    expect(diagnostics['ok-calls']).toEqual([]);
  });

  it('types error bodies as ErrorResponse, not never', () => {
    expect(diagnostics['ok-error-bodies']).toEqual([]);
    expect(diagnostics['error-field-that-does-not-exist']).toEqual([
      expect.stringMatching(/Property 'stack' does not exist on type/),
    ]);
  });

  it('refuses a body without a required field', () => {
    expect(diagnostics['missing-required-field']).toEqual([
      expect.stringMatching(/Property 'password' is missing/),
    ]);
  });

  it('leaves an unknown property written straight into an openapi-fetch call unchecked', () => {
    expect(diagnostics['ok-unknown-property-inline']).toEqual([]);
  });

  it('refuses unknown properties in bodies, nested objects and queries typed from the document', () => {
    expect(diagnostics['unknown-body-property']).toEqual([
      expect.stringMatching(/'discount' does not exist/),
    ]);
    expect(diagnostics['unknown-nested-property']).toEqual([
      expect.stringMatching(/'note' does not exist/),
    ]);
    expect(diagnostics['unknown-query-parameter']).toEqual([
      expect.stringMatching(/'sort' does not exist/),
    ]);
  });
});
