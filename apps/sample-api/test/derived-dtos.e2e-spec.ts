/**
 * The request bodies and views of the sample API are derived from its models
 * (`@registers/db/swagger`): each of their properties must carry exactly its model field's
 * class-validator rules (plus what the derivation adds: `isOptional` on updates, the column's
 * storage rule on bodies, and the documented request-only rules), and its schema in the served
 * OpenAPI document must state exactly the bounds, formats and types of the model's schema.
 */
import type { Type } from '@nestjs/common';
import { modelSchema } from '@registers/db/swagger';
import type { DtoKind } from '@registers/db/swagger';
import { getMetadataStorage } from 'class-validator';
import { CreateCustomerDto } from '../src/customers/create-customer.dto';
import { Customer } from '../src/customers/customer.model';
import { CustomerView } from '../src/customers/customer.view';
import { UpdateCustomerDto } from '../src/customers/update-customer.dto';
import { CreateOrderDto, OrderLineDto } from '../src/orders/create-order.dto';
import { OrderItem } from '../src/orders/order-item.model';
import { Order } from '../src/orders/order.model';
import { OrderItemView, OrderView } from '../src/orders/order.view';
import { CreateProductDto } from '../src/products/create-product.dto';
import { Product } from '../src/products/product.model';
import { ProductView } from '../src/products/product.view';
import { ApiHarness, startApi, useFastPasswordHashes } from './support/api-app';
import { fetchDocument, OpenApiDocument } from './support/openapi-contract';

useFastPasswordHashes();

interface Derived {
  dto: Type<unknown>;
  /** The name of its schema in the document. */
  schema: string;
  model: Type<unknown>;
  kind: Exclude<DtoKind, 'model'>;
  /** The model fields it carries, in order. */
  fields: string[];
  /** Rules the request adds on top of the model's (documented in the README), per property. */
  requestOnly?: Record<string, string[]>;
  /** Properties that are not model fields (an order's lines). */
  extra?: string[];
}

const DERIVED: Derived[] = [
  {
    dto: CreateProductDto,
    schema: 'CreateProductDto',
    model: Product,
    kind: 'create',
    fields: ['name', 'price', 'stock'],
  },
  {
    dto: ProductView,
    schema: 'ProductView',
    model: Product,
    kind: 'view',
    fields: ['id', 'name', 'price', 'stock', 'createdAt', 'updatedAt'],
  },
  {
    dto: CreateCustomerDto,
    schema: 'CreateCustomerDto',
    model: Customer,
    kind: 'create',
    fields: ['name', 'email', 'password'],
    requestOnly: { password: ['isNotPasswordHash'] },
  },
  {
    dto: UpdateCustomerDto,
    schema: 'UpdateCustomerDto',
    model: Customer,
    kind: 'update',
    fields: ['name', 'email', 'password'],
    requestOnly: { password: ['isNotPasswordHash'] },
  },
  {
    dto: CustomerView,
    schema: 'CustomerView',
    model: Customer,
    kind: 'view',
    fields: ['id', 'name', 'email', 'createdAt', 'updatedAt'],
  },
  {
    dto: OrderLineDto,
    schema: 'OrderLineDto',
    model: OrderItem,
    kind: 'create',
    fields: ['productId', 'quantity'],
  },
  {
    dto: CreateOrderDto,
    schema: 'CreateOrderDto',
    model: Order,
    kind: 'create',
    fields: ['customerId'],
    extra: ['items'],
  },
  {
    dto: OrderView,
    schema: 'OrderView',
    model: Order,
    kind: 'view',
    fields: ['id', 'customerId', 'total', 'createdAt'],
    extra: ['items'],
  },
  {
    dto: OrderItemView,
    schema: 'OrderItemView',
    model: OrderItem,
    kind: 'view',
    fields: ['productId', 'quantity', 'unitPrice', 'lineTotal'],
  },
];

/** The class-validator rules of a class, per property, in the order they run. */
function rulesOf(target: Function): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const m of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    const list = rules.get(m.propertyName) ?? [];
    list.push(JSON.stringify([m.name ?? m.type, m.constraints ?? [], Boolean(m.each)]));
    rules.set(m.propertyName, list);
  }
  return rules;
}

const ruleNames = (rules: string[] = []) => rules.map((r) => (JSON.parse(r) as string[])[0]);

/** What a schema says a value must be: everything but descriptions and examples. */
const RULE_KEYS = [
  'type',
  'format',
  'minimum',
  'maximum',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'nullable',
  'writeOnly',
  'readOnly',
] as const;

function ruleKeysOf(schema: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(RULE_KEYS.filter((k) => k in schema).map((k) => [k, schema[k]]));
}

describe('sample api DTOs and views derived from the models', () => {
  let api: ApiHarness;
  let schemas: Record<string, OpenApiDocument>;

  beforeAll(async () => {
    api = await startApi('sqlite::memory:');
    schemas = (await fetchDocument(api)).components.schemas;
  });
  afterAll(() => api?.close());

  describe.each(DERIVED.map((d) => [d.schema, d] as const))('%s', (_, derived) => {
    const { dto, model, kind, fields } = derived;

    it('has exactly the model fields it names, then the properties that are not fields', () => {
      expect(Object.keys(schemas[derived.schema].properties)).toEqual([
        ...fields,
        ...(derived.extra ?? []),
      ]);
    });

    it("carries each field's model rules, and only what the derivation and the request add", () => {
      const own = rulesOf(dto);
      const ofModel = rulesOf(model);
      for (const field of fields) {
        // In the order they run: the model's (type check first), then the derivation's.
        const expected = [
          ...ruleNames(ofModel.get(field)),
          ...(kind === 'update' ? ['isOptional'] : []),
          ...(kind === 'view' ? [] : ['registersStorableValue']),
          ...(derived.requestOnly?.[field] ?? []),
        ];
        expect({ field, rules: ruleNames(own.get(field)) }).toEqual({ field, rules: expected });
        // The model's rules themselves (name, constraints, each) are copied unchanged.
        for (const rule of ofModel.get(field) ?? []) expect(own.get(field)).toContain(rule);
      }
      const known = [...fields, ...(derived.extra ?? [])];
      expect([...own.keys()].filter((property) => !known.includes(property))).toEqual([]);
    });

    it("documents each field with exactly the model schema's type, bounds and formats", () => {
      const fromModel = modelSchema(model, kind);
      const served = schemas[derived.schema];
      for (const field of fields) {
        expect({ field, schema: ruleKeysOf(served.properties[field]) }).toEqual({
          field,
          schema: ruleKeysOf(fromModel.properties[field] as Record<string, unknown>),
        });
      }
      const required = (fromModel.required ?? []).filter((f) => fields.includes(f));
      expect((served.required ?? []).filter((f: string) => fields.includes(f))).toEqual(required);
    });
  });

  it('keeps the money documentation the models declare on every derived money field', () => {
    const money = [
      ['CreateProductDto', 'price'],
      ['ProductView', 'price'],
      ['OrderView', 'total'],
      ['OrderItemView', 'unitPrice'],
      ['OrderItemView', 'lineTotal'],
    ];
    for (const [schema, field] of money) {
      expect({
        schema,
        field,
        places: schemas[schema].properties[field]['x-decimal-places'],
      }).toEqual({ schema, field, places: 2 });
    }
  });
});
