/**
 * Requests generated from the OpenAPI document itself (`/docs-json`), on SQLite and
 * PostgreSQL: for every operation with a body or parameters, inputs the document calls valid
 * and inputs that break exactly one of its rules (checked against the document with ajv
 * before they are sent). Properties:
 * - nothing is ever answered 5xx, and every status is one the operation documents;
 * - a valid request is never refused as invalid (400, 413, 415): it succeeds or gets one of
 *   the documented business answers (404 unknown id, 409 conflict, 422 business rule);
 * - an invalid request is 400 with exactly one issue, one message, naming the broken field;
 * - every answer body validates against the schema documented for its status.
 * Seeded: REGISTERS_PROPERTY_SEED=<n> replays a run (the seed is printed on failure).
 */
import fc from 'fast-check';
import { describeEachDialect } from '../../../test/support/dialects';
import { ApiHarness, startApi, useFastPasswordHashes } from './support/api-app';
import {
  Answer,
  fetchDocument,
  Operation,
  operationsOf,
  queryText,
  RequestInput,
  SchemaValidators,
  send,
} from './support/openapi-contract';
import {
  applyViolation,
  Hints,
  JsonSchema,
  validValue,
  Violation,
  violations,
} from './support/schema-arbitraries';

jest.setTimeout(120_000);
useFastPasswordHashes();

const SEED = Number(process.env.REGISTERS_PROPERTY_SEED ?? Date.now() % 2 ** 31);
/** Cases per operation and kind (valid, invalid): 4,000 requests per dialect. */
const RUNS = 200;
/** Refusals of the input itself; a valid request never gets them. */
const INPUT_REFUSALS = new Set([400, 413, 415]);

interface Known {
  customers: number[];
  products: number[];
  orders: number[];
}

/** Ids that exist, by the resource a place refers to; mixed with the schema's own values. */
function hintsFor(operation: Operation, known: Known): Hints {
  // Reads the live list: records created during the run are picked too.
  const pick = (ids: number[]) => fc.nat().map((i) => ids[i % ids.length]);
  const resource = operation.path.split('/')[1] as keyof Known;
  return (path) => {
    const place = path.join('.');
    if (place === 'path.id' && known[resource]) return pick(known[resource]);
    if (place === 'body.customerId') return pick(known.customers);
    if (/^body\.items\.\d+\.productId$/.test(place)) return pick(known.products);
    return undefined;
  };
}

/** The schema of the request's parameters and body as one object, for generation and ajv. */
function inputSchema(operation: Operation, withBody: boolean): JsonSchema {
  const group = (where: 'path' | 'query'): JsonSchema => {
    const params = operation.parameters.filter((p) => p.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
      required: params.filter((p) => p.required).map((p) => p.name),
      // Unknown query parameters are refused (the query DTOs forbid unknown properties).
      additionalProperties: false,
    };
  };
  // Operations without query parameters ignore the query string: only declared groups count.
  const properties: Record<string, JsonSchema> = {};
  for (const where of ['path', 'query'] as const) {
    if (operation.parameters.some((p) => p.in === where)) properties[where] = group(where);
  }
  if (withBody && operation.body) properties.body = operation.body;
  return { type: 'object', properties, required: Object.keys(properties) };
}

/** Typed values (as generated) to the request that carries them: parameters become text. */
function toRequest(value: { path?: object; query?: object; body?: unknown }): RequestInput {
  const text = (record: object) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, queryText(v)]));
  return { path: text(value.path ?? {}), query: text(value.query ?? {}), body: value.body };
}

describeEachDialect(
  'sample api requests generated from its OpenAPI document',
  (target) => {
    let api: ApiHarness;
    let operations: Operation[];
    const validators = new SchemaValidators();
    const known: Known = { customers: [], products: [], orders: [] };
    /** Statuses answered, with how many times, per operation and kind. */
    const answered = new Map<string, Map<number, number>>();

    beforeAll(async () => {
      api = await startApi(target().url);
      operations = operationsOf(await fetchDocument(api)).filter(
        // The cron webhook route has its own suite (deploy-hook); health takes no input.
        (op) => !op.path.startsWith('/hooks') && (op.body || op.parameters.length > 0),
      );
      // Deletes last, so the other operations also meet the seeded customers.
      operations.sort((a, b) => Number(a.method === 'delete') - Number(b.method === 'delete'));
      for (let i = 1; i <= 3; i++) {
        const customer = {
          name: `Buyer ${i}`,
          email: `buyer${i}@example.com`,
          password: 'long enough',
        };
        known.customers.push((await api.http().post('/customers').send(customer)).body.id);
        const product = { name: `Product ${i}`, price: i + 0.25, stock: 1_000_000_000 };
        known.products.push((await api.http().post('/products').send(product)).body.id);
      }
      const order = {
        customerId: known.customers[0],
        items: [{ productId: known.products[0], quantity: 1 }],
      };
      known.orders.push((await api.http().post('/orders').send(order)).body.id);
    });
    afterAll(async () => {
      let total = 0;
      const summary = [...answered]
        .map(([key, byStatus]) => {
          const cases = [...byStatus.values()].reduce((n, c) => n + c, 0);
          total += cases;
          const detail = [...byStatus].sort(([a], [b]) => a - b).map(([s, c]) => `${s}×${c}`);
          return `${key} ${cases} (${detail.join(' ')})`;
        })
        .join('; ');
      console.log(
        `OpenAPI properties [${target().dialect}] seed=${SEED}: ${total} requests; ${summary}`,
      );
      await api?.close();
    });

    /** The checks every answer passes: documented status, no 5xx, body matches its schema. */
    function checkAnswer(operation: Operation, answer: Answer): void {
      if (answer.status >= 500)
        throw new Error(`${operation.id} answered ${answer.status}: ${answer.text}`);
      const documented = operation.responses[String(answer.status)];
      if (!documented)
        throw new Error(`${operation.id} answered undocumented ${answer.status}: ${answer.text}`);
      const schema = documented.content?.['application/json']?.schema;
      if (!schema) {
        if (answer.text !== '')
          throw new Error(`${operation.id} ${answer.status} has an undocumented body`);
        return;
      }
      const problems = validators.errors(schema, answer.body);
      if (problems)
        throw new Error(
          `${operation.id} ${answer.status} body breaks its schema: ${problems}\n${answer.text}`,
        );
    }

    async function assertProperty<T extends unknown[]>(property: fc.IAsyncPropertyWithHooks<T>) {
      const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
      if (details.failed) {
        throw new Error(
          `Replay with REGISTERS_PROPERTY_SEED=${SEED} (fast-check seed ${details.seed}, path ${details.counterexamplePath}):\n` +
            fc.defaultReportMessage(details),
        );
      }
    }

    const record = (operation: Operation, kind: 'valid' | 'invalid', status: number) => {
      const key = `${operation.id} ${kind}`;
      const byStatus = answered.get(key) ?? new Map<number, number>();
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      answered.set(key, byStatus);
    };

    it('answers valid requests with success or a documented business answer', async () => {
      for (const operation of operations) {
        const schema = inputSchema(operation, true);
        const inputs = validValue(schema, hintsFor(operation, known)) as fc.Arbitrary<{
          path?: object;
          query?: object;
          body?: unknown;
        }>;
        await assertProperty(
          fc.asyncProperty(inputs, async (input) => {
            expect(validators.errors(schema, input)).toBeUndefined();
            const answer = await send(api, operation, toRequest(input));
            record(operation, 'valid', answer.status);
            checkAnswer(operation, answer);
            if (INPUT_REFUSALS.has(answer.status)) {
              throw new Error(
                `${operation.id} refused a valid request with ${answer.status}: ${answer.text}`,
              );
            }
            if (answer.status === 201) {
              const id = (answer.body as { id: number }).id;
              const resource = operation.path.split('/')[1] as keyof typeof known;
              known[resource]?.push(id);
            }
          }),
        );
      }
    });

    it('answers requests that break one rule of the document with 400 naming that field', async () => {
      for (const operation of operations) {
        const schema = inputSchema(operation, true);
        const broken: fc.Arbitrary<Violation>[] = [];
        for (const where of ['path', 'query', 'body'] as const) {
          const part = schema.properties![where];
          if (!part) continue;
          // Path parameters cannot be left out or added to: only their values break rules.
          const found =
            where === 'path'
              ? Object.entries(part.properties ?? {}).flatMap(([name, param]) =>
                  violations(param, 'text', [name]),
                )
              : violations(part, where === 'body' ? 'json' : 'text');
          broken.push(...found.map((arb) => arb.map((v) => ({ ...v, path: [where, ...v.path] }))));
        }
        const cases = fc.tuple(validValue(schema, hintsFor(operation, known)), fc.oneof(...broken));
        await assertProperty(
          fc.asyncProperty(cases, async ([valid, violation]) => {
            const input = applyViolation(valid, violation) as {
              path?: object;
              query?: object;
              body?: unknown;
            };
            // The document itself calls the input invalid.
            expect(validators.errors(schema, input)).toEqual(expect.any(String));
            const answer = await send(api, operation, toRequest(input));
            record(operation, 'invalid', answer.status);
            checkAnswer(operation, answer);
            const field = violation.path.slice(1).join('.');
            const context = `${operation.id} breaking ${violation.rule} at ${violation.path.join('.')}`;
            expect({ context, status: answer.status }).toEqual({ context, status: 400 });
            const issues = (
              answer.body as { issues?: Array<{ field: string; messages: string[] }> }
            ).issues;
            expect({ context, issues }).toEqual({
              context,
              issues: [
                {
                  field: field === '' ? expect.any(String) : field,
                  messages: [expect.any(String)],
                },
              ],
            });
          }),
        );
      }
    });
  },
  { only: ['sqlite', 'postgres'] },
);
