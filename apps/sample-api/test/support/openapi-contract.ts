/**
 * The OpenAPI document as a test oracle: its operations (dereferenced), an ajv validator that
 * knows the document's keywords, and the requests the property suite sends.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ApiHarness } from './api-app';
import type { JsonSchema } from './schema-arbitraries';

export type OpenApiDocument = Record<string, any>;

export async function fetchDocument(api: ApiHarness): Promise<OpenApiDocument> {
  const res = await api.http().get('/docs-json');
  if (res.status !== 200) throw new Error(`/docs-json answered ${res.status}`);
  return res.body as OpenApiDocument;
}

const OPENAPI_TOOLS = join(__dirname, 'openapi-tools.mjs');

/** Runs the ESM-only tools (Redocly, openapi-typescript) in a child node process. */
export function runOpenApiTool(args: string[]): string {
  return execFileSync(process.execPath, [OPENAPI_TOOLS, ...args], { encoding: 'utf8' });
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `POST /orders` */
  id: string;
  method: string;
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
  responses: Record<string, { content?: { 'application/json'?: { schema: JsonSchema } } }>;
}

/**
 * The document with its local references (`#/components/...`) replaced by what they point to;
 * each target is resolved once, so every use of a component is the same object. (The
 * swagger-parser dereferencer is ESM-only; the document has no other kind of reference.)
 */
export function dereference(document: OpenApiDocument): OpenApiDocument {
  const resolved = new Map<string, unknown>();
  const target = (ref: string): unknown => {
    if (!ref.startsWith('#/')) throw new Error(`not a local reference: ${ref}`);
    if (!resolved.has(ref)) {
      const node = ref
        .slice(2)
        .split('/')
        .reduce(
          (at: OpenApiDocument, step) => at?.[step.replace(/~1/g, '/').replace(/~0/g, '~')],
          document,
        );
      if (node === undefined) throw new Error(`unresolved reference ${ref}`);
      resolved.set(ref, walk(node));
    }
    return resolved.get(ref);
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') return target(ref);
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
  };
  return walk(document) as OpenApiDocument;
}

/** Every operation of the document, with its references resolved. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  const resolved = dereference(document);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(resolved.paths as Record<string, OpenApiDocument>)) {
    for (const [method, operation] of Object.entries(item as Record<string, OpenApiDocument>)) {
      operations.push({
        id: `${method.toUpperCase()} ${path}`,
        method,
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content?.['application/json']?.schema,
        responses: operation.responses,
      });
    }
  }
  return operations;
}

/**
 * ajv with the document's extensions as keywords: `x-decimal-places` (a number has at most
 * that many decimals) and `x-unique-by` (array items differ in that property); `example` is
 * an annotation. The formats are the ones the document uses: `email`, `date-time`, and the
 * OpenAPI data-type formats the model-derived schemas carry, `int32` (checked: the 32-bit
 * range) and `password` (an annotation). Everything else unknown is an error (strict mode).
 */
export function createValidator(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv, ['email', 'date-time', 'int32', 'password']);
  ajv.addVocabulary(['example']);
  ajv.addKeyword({
    keyword: 'x-decimal-places',
    type: 'number',
    schemaType: 'number',
    validate: (places: number, value: number) => {
      const scale = 10 ** places;
      return Number.isFinite(value) && Math.round(value * scale) / scale === value;
    },
  });
  ajv.addKeyword({
    keyword: 'x-unique-by',
    type: 'array',
    schemaType: 'string',
    validate: (key: string, items: Array<Record<string, unknown>>) =>
      new Set(items.map((item) => item?.[key])).size === items.length,
  });
  return ajv;
}

/** Compiled validators, one per schema object (the dereferenced document shares them). */
export class SchemaValidators {
  private readonly compiled = new Map<JsonSchema, ValidateFunction>();
  constructor(private readonly ajv: Ajv = createValidator()) {}

  errors(schema: JsonSchema, value: unknown): string | undefined {
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate(value) ? undefined : this.ajv.errorsText(validate.errors);
  }
}

export interface RequestInput {
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
  text: string;
}

export async function send(
  api: ApiHarness,
  operation: Operation,
  input: RequestInput,
): Promise<Answer> {
  const url =
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(input.path[name]),
    ) + (Object.keys(input.query).length ? `?${new URLSearchParams(input.query)}` : '');
  const method = operation.method as 'get' | 'post' | 'patch' | 'delete';
  let request = api.http()[method](url);
  if (input.body !== undefined) request = request.send(input.body as object);
  const res = await request;
  return { status: res.status, body: res.body, text: res.text };
}

/** A number as a query string writes it: plain decimal notation, never `1e-7`. */
export function queryText(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20) : text;
}
