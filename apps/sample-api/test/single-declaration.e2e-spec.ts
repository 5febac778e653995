/**
 * Each model of the sample API is declared once: its fields and their rules live in its
 * `*.model.ts` file, and the request bodies and views derive from it. This reads every source
 * file of the app with the TypeScript parser and lists the class properties that get a
 * decorator (or have one applied as `Decorator()(X.prototype, 'name')`) outside the model
 * files: they must be exactly the documented request-only and response-only properties
 * (README, "Models and their DTOs"). A hand-written copy of a model field anywhere else fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Type } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import { getModelMetadata } from '@registers/db';
import ts from 'typescript';
import { Customer } from '../src/customers/customer.model';
import { OrderItem } from '../src/orders/order-item.model';
import { Order } from '../src/orders/order.model';
import { Product } from '../src/products/product.model';

const SRC = join(__dirname, '..', 'src');
const MODELS: Array<Type<object>> = [Customer, Product, Order, OrderItem];

/** Decorated properties outside the model files, by file: what each one is for. */
const NOT_MODEL_FIELDS: Record<string, string[]> = {
  // Query parameters (request-only).
  'common/page.query.ts': ['limit', 'offset'],
  'products/list-products.query.ts': ['maxPrice', 'minPrice', 'q'],
  // Request-only customer rules: email normalization, no hash-shaped password.
  'customers/customer-requests.ts': ['email', 'password'],
  // An order's lines (OrderItems, not a field of Order).
  'orders/create-order.dto.ts': ['items'],
  'orders/order.view.ts': ['items'],
  // Page wrappers (`total` here counts matches; it is not Order.total).
  'common/view-fields.ts': ['limit', 'offset', 'total'],
  // The error body and the health answer.
  'docs/error-response.ts': [
    'available',
    'context',
    'error',
    'field',
    'fields',
    'issues',
    'maxTotal',
    'message',
    'messages',
    'model',
    'operation',
    'operator',
    'productId',
    'requested',
    'rowIndex',
    'statusCode',
    'total',
  ],
  'health/health.controller.ts': ['cron', 'db', 'status'],
};

/** Model field names that may appear above, and why they are not copies of the field. */
const SHARED_NAMES: Record<string, string[]> = {
  'customers/customer-requests.ts': ['email', 'password'], // request-only rules, added to CreateDto/UpdateDto
  'common/view-fields.ts': ['total'], // the number of matches of a page
  'docs/error-response.ts': ['productId', 'total'], // values named in an error's context
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The properties of a file that get a decorator, written `@X()` or applied by a call. */
function decoratedProperties(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyDeclaration(node) && ts.getDecorators(node)?.length)
      found.add(node.name.getText(source));
    if (ts.isCallExpression(node) && node.arguments.length === 2) {
      const [target, key] = node.arguments;
      const text = target.getText(source);
      if ((text === 'prototype' || text.endsWith('.prototype')) && ts.isStringLiteral(key))
        found.add(key.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found].sort();
}

describe('sample api: every model field declared once', () => {
  const files = sourceFiles(SRC).map((file) => ({
    file: relative(SRC, file).split('\\').join('/'),
    properties: decoratedProperties(file),
  }));
  const outsideModels = files.filter((f) => !f.file.endsWith('.model.ts') && f.properties.length);

  it('finds decorated properties at all (the scan reads the model files)', () => {
    const models = files.filter((f) => f.file.endsWith('.model.ts'));
    expect(models.map((f) => f.file).sort()).toEqual([
      'customers/customer.model.ts',
      'orders/order-item.model.ts',
      'orders/order.model.ts',
      'products/product.model.ts',
    ]);
    expect(models.find((f) => f.file === 'products/product.model.ts')!.properties).toEqual([
      'id',
      'name',
      'price',
      'stock',
    ]);
  });

  it('decorates no property outside the model files but the documented non-field ones', () => {
    expect(Object.fromEntries(outsideModels.map((f) => [f.file, f.properties]))).toEqual(
      NOT_MODEL_FIELDS,
    );
  });

  it('shares a model field name only where the README says why', () => {
    const fieldNames = new Set(
      MODELS.flatMap((model) => getModelMetadata(model).fields.map((f) => f.property)),
    );
    const shared = outsideModels
      .map((f) => [f.file, f.properties.filter((p) => fieldNames.has(p))] as const)
      .filter(([, names]) => names.length > 0);
    expect(Object.fromEntries(shared)).toEqual(SHARED_NAMES);
  });

  it('lets a model document its fields (description, example, x- extensions), never bound them', () => {
    const documentation = (key: string) =>
      ['type', 'isArray', 'description', 'example'].includes(key) || key.startsWith('x-');
    for (const model of MODELS) {
      for (const { property } of getModelMetadata(model).fields) {
        const options: Record<string, unknown> =
          Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, model.prototype, property) ?? {};
        const bounds = Object.keys(options).filter((key) => !documentation(key));
        expect({ model: model.name, property, bounds }).toEqual({
          model: model.name,
          property,
          bounds: [],
        });
      }
    }
  });
});
