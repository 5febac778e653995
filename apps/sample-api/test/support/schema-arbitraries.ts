/**
 * fast-check arbitraries from the JSON schemas of the OpenAPI document, for the subset the
 * document uses: objects, arrays, integers, numbers (with `x-decimal-places`), strings (with
 * lengths, `enum`, `format: email | date-time`), and the `x-unique-by` key of arrays.
 *
 * `validValue` generates values the schema accepts; `violations` lists, for every place in a
 * schema, values that break exactly one of its constraints (a bound, a length, a count, the
 * type, a required property, an unknown property, a repeated key).
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: 'object' | 'integer' | 'number' | 'string' | 'array' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  format?: string;
  oneOf?: JsonSchema[];
  'x-decimal-places'?: number;
  'x-unique-by'?: string;
}

/** Overrides for some places (e.g. ids that exist), mixed with the schema's own values. */
export type Hints = (path: string[]) => fc.Arbitrary<unknown> | undefined;

/** Valid arrays are generated with at most this many items (the schemas allow up to 100). */
const MAX_GENERATED_ITEMS = 8;
/** Strings without a maxLength are generated up to this length. */
const MAX_GENERATED_LENGTH = 40;

/** Well-formed text: printable ASCII, controls (not NUL), BMP letters, emoji, variation selectors. */
const character = fc
  .oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
    { weight: 1, arbitrary: fc.integer({ min: 0x01, max: 0x1f }) },
    { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }) },
    { weight: 1, arbitrary: fc.integer({ min: 0x1f300, max: 0x1f64f }) },
    // Variation selectors: validator.js's lengths skip them, the document's count them.
    { weight: 1, arbitrary: fc.constantFrom(0xfe0e, 0xfe0f) },
  )
  .map((codePoint) => String.fromCodePoint(codePoint));

const label = fc.stringMatching(/^[a-z0-9]{1,12}$/);

/** Addresses every email validator accepts: `local@domain.tld`, lower-case ASCII. */
const email = fc
  .tuple(label, fc.stringMatching(/^[a-z]{1,12}$/), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);

export function validValue(
  schema: JsonSchema,
  hints?: Hints,
  path: string[] = [],
): fc.Arbitrary<unknown> {
  const own = schemaValue(schema, hints, path);
  const hint = hints?.(path);
  // Hinted values (ids that exist) most of the time, so requests also get past the lookups.
  return hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: own }) : own;
}

function schemaValue(
  schema: JsonSchema,
  hints: Hints | undefined,
  path: string[],
): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    case 'number':
      return numberValue(schema);
    case 'string':
      if (schema.format === 'email') return email;
      if (schema.format === 'date-time')
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({
        unit: character,
        minLength: schema.minLength ?? 0,
        maxLength: schema.maxLength ?? Math.max(MAX_GENERATED_LENGTH, schema.minLength ?? 0),
      });
    case 'array':
      return arrayValue(schema, hints, path);
    case 'object':
      return objectValue(schema, hints, path);
    case 'boolean':
      return fc.boolean();
  }
  throw new Error(
    `no generator for the schema at ${path.join('.') || 'root'}: ${JSON.stringify(schema)}`,
  );
}

function numberValue(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1e9;
  const max = schema.maximum ?? 1e9;
  const places = schema['x-decimal-places'];
  if (places === undefined) return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
  const scale = 10 ** places;
  return fc
    .integer({ min: Math.ceil(min * scale), max: Math.floor(max * scale) })
    .map((units) => units / scale);
}

function arrayValue(schema: JsonSchema, hints: Hints | undefined, path: string[]) {
  const item = validValue(schema.items!, hints, [...path, '0']);
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.min(schema.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS);
  const key = schema['x-unique-by'];
  if (key === undefined) return fc.array(item, { minLength, maxLength });
  return fc.uniqueArray(item, {
    minLength,
    maxLength,
    selector: (value) => (value as Record<string, unknown>)[key],
  });
}

function objectValue(schema: JsonSchema, hints: Hints | undefined, path: string[]) {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    model[name] = validValue(property, hints, [...path, name]);
  }
  return fc.record(model, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<unknown>;
}

/** A value that breaks one rule of the schema at `path` (REMOVE: the property is left out). */
export interface Violation {
  path: string[];
  rule: string;
  value: unknown;
}

export const REMOVE = Symbol('remove');

/** Where values travel as text (query and path parameters), wrong types are text too. */
export type Wire = 'json' | 'text';

/**
 * Every single-rule violation of `schema`, at its root and (for JSON bodies) inside it. Nested
 * places are reached through required properties and through the first item of arrays that
 * have at least one, so a violation always lands in the value that is sent.
 */
export function violations(
  schema: JsonSchema,
  wire: Wire,
  path: string[] = [],
): fc.Arbitrary<Violation>[] {
  const here = (rule: string, value: fc.Arbitrary<unknown>) =>
    value.map((v): Violation => ({ path, rule, value: v }));
  const found: fc.Arbitrary<Violation>[] = [];
  const { minimum, maximum } = schema;
  if (schema.enum) found.push(here('enum', fc.constant('not-one-of-the-values')));
  else if (schema.type === 'integer' || schema.type === 'number') {
    if (minimum !== undefined) found.push(here('minimum', fc.constant(minimum - 1)));
    if (maximum !== undefined) found.push(here('maximum', fc.constant(maximum + 1)));
    if (schema.type === 'integer') {
      const low = minimum ?? -1000;
      found.push(
        here(
          'integer',
          fc
            .integer({ min: low, max: Math.min(maximum ?? low + 1000, low + 1000) - 1 })
            .map((n) => n + 0.5),
        ),
      );
    }
    const places = schema['x-decimal-places'];
    if (places !== undefined) {
      const scale = 10 ** places;
      const high = Math.min(maximum ?? 1e6, 1e6);
      found.push(
        here(
          'x-decimal-places',
          fc
            .integer({ min: Math.ceil((minimum ?? 0) * scale), max: high * scale - 1 })
            .map((units) => (units + 0.1) / scale),
        ),
      );
    }
    found.push(here('type', fc.constant(wire === 'json' ? '1' : 'abc')));
  } else if (schema.type === 'string') {
    if (schema.minLength)
      found.push(here('minLength', fc.constant('x'.repeat(schema.minLength - 1))));
    if (schema.maxLength !== undefined)
      found.push(here('maxLength', fc.constant('x'.repeat(schema.maxLength + 1))));
    if (schema.format === 'email') {
      found.push(
        here(
          'format',
          fc.constantFrom('not-an-email', 'ada@', '@example.com', 'ada lovelace@example.com'),
        ),
      );
    }
    if (wire === 'json') found.push(here('type', fc.constant(42)));
  } else if (schema.type === 'array') {
    found.push(...arrayViolations(schema, path));
    if (wire === 'json') found.push(here('type', fc.constant('not an array')));
  } else if (schema.type === 'object') {
    for (const name of schema.required ?? [])
      found.push(fc.constant({ path: [...path, name], rule: 'required', value: REMOVE }));
    if (schema.additionalProperties === false) {
      found.push(
        fc.constant({
          path: [...path, 'unexpectedProperty'],
          rule: 'additionalProperties',
          value: 1,
        }),
      );
    }
    // Inside required properties, and inside optional ones that hold a single value (setting
    // such a property is enough to send the violation).
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const nested = property.type === 'object' || property.type === 'array';
      if (schema.required?.includes(name) || !nested)
        found.push(...violations(property, wire, [...path, name]));
    }
  }
  return found;
}

function arrayViolations(schema: JsonSchema, path: string[]): fc.Arbitrary<Violation>[] {
  const found: fc.Arbitrary<Violation>[] = [];
  const key = schema['x-unique-by'];
  const items = (length: number) =>
    fc.uniqueArray(validValue(schema.items!), {
      minLength: length,
      maxLength: length,
      ...(key ? { selector: (value: unknown) => (value as Record<string, unknown>)[key] } : {}),
    });
  if (schema.minItems)
    found.push(items(schema.minItems - 1).map((value) => ({ path, rule: 'minItems', value })));
  if (schema.maxItems !== undefined)
    found.push(items(schema.maxItems + 1).map((value) => ({ path, rule: 'maxItems', value })));
  if (key) {
    const repeated = items(Math.max(schema.minItems ?? 1, 1)).map((value) => [...value, value[0]]);
    found.push(repeated.map((value) => ({ path, rule: 'x-unique-by', value })));
  }
  if (schema.minItems) found.push(...violations(schema.items!, 'json', [...path, '0']));
  return found;
}

/** `value` with the violation applied (a deep copy; the input is not changed). */
export function applyViolation(value: unknown, violation: Violation): unknown {
  if (violation.path.length === 0) return violation.value;
  const copy = structuredClone(value) as Record<string, unknown>;
  let parent = copy;
  for (const step of violation.path.slice(0, -1)) parent = parent[step] as Record<string, unknown>;
  const last = violation.path[violation.path.length - 1];
  if (violation.value === REMOVE) delete parent[last];
  else parent[last] = violation.value;
  return copy;
}
