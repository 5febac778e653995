import type { Type } from '@nestjs/common';
import { InvalidQueryError } from '../errors';
import { queryMessages } from '../errors/messages';
import type { ManagedRecord } from '../records/record-methods.interface';
import type { DatabaseRegistry } from '../registry/database-registry';
import { testRegistryFor } from './live-test-registries';

/** A value, or a function of the factory's sequence number (1, 2, 3, … per factory). */
export type FactoryValue<V> = V | ((sequence: number) => V);
export type FactoryValues<T> = { [K in keyof T]?: FactoryValue<T[K]> };

export interface FactoryOptions<T> {
  defaults?: FactoryValues<T>;
  /** Registry whose manager `create` uses. Default: the one live test registry that has the model. */
  registry?: DatabaseRegistry;
}

/** Builds model data and records for tests. */
export class ModelFactory<T extends object> {
  private counter = 0;

  constructor(
    readonly model: Type<T>,
    private readonly options: FactoryOptions<T> = {},
  ) {}

  /** The sequence number used last (0 before the first build). */
  get sequence(): number {
    return this.counter;
  }

  /** Plain field values: defaults, then overrides, functions called with the next sequence number. */
  attributes(overrides: FactoryValues<T> = {}): Partial<T> {
    const sequence = ++this.counter;
    const values: Record<string, unknown> = {};
    const merged = { ...this.options.defaults, ...overrides } as Record<string, unknown>;
    for (const key of Object.keys(merged)) {
      const value = merged[key];
      values[key] =
        typeof value === 'function' ? (value as (n: number) => unknown)(sequence) : value;
    }
    return values as Partial<T>;
  }

  /** An unsaved instance of the model (not validated; `manager.save(it)` stores it). */
  build(overrides: FactoryValues<T> = {}): T {
    return Object.assign(new this.model(), this.attributes(overrides));
  }

  /** Validates and inserts one record through the model's manager. */
  async create(overrides: FactoryValues<T> = {}): Promise<ManagedRecord<T>> {
    return this.manager().create(this.attributes(overrides));
  }

  /** Inserts `count` records in one transaction (all or none). */
  async createBatch(count: number, overrides: FactoryValues<T> = {}): Promise<ManagedRecord<T>[]> {
    if (!Number.isInteger(count) || count < 0) {
      throw new InvalidQueryError(queryMessages.createBatchCount(this.model.name, String(count)), {
        model: this.model.name,
        operation: 'createBatch',
      });
    }
    const manager = this.manager();
    const rows = Array.from({ length: count }, () => this.attributes(overrides));
    return manager.bulkCreate(rows);
  }

  private manager() {
    const registry =
      this.options.registry ?? testRegistryFor(this.model, `factory(${this.model.name})`);
    return registry.manager(this.model);
  }
}

/** `factory(User, { defaults: { email: (n) => \`user${n}@example.com\`, name: 'User' } })`. */
export function factory<T extends object>(
  model: Type<T>,
  options: FactoryOptions<T> = {},
): ModelFactory<T> {
  return new ModelFactory(model, options);
}
