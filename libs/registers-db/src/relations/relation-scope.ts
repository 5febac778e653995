import type { Type } from '@nestjs/common';
import type { DatabaseConnection } from '../connection/database-connection';
import { RelationshipError } from '../errors';
import { relationMessages } from '../errors/messages';
import type { Manager } from '../manager/manager';

/**
 * What relations need of a registry (a DatabaseRegistry is one): its managers, its connection
 * and the lazy table creation. Relations sit below the registry, so they only know this shape.
 */
export interface RelationRegistry {
  readonly name: string;
  readonly connection: DatabaseConnection;
  models(): Type<any>[];
  isRegistered(model: Function): boolean;
  manager<T extends object>(model: Type<T>): Manager<T>;
  /** Makes the registered tables ready (creates missing ones with autoCreate). */
  prepare(): Promise<void>;
}

/** Where a record came from: its manager and the registry whose managers load its relations. */
export interface RelationScope {
  registry: RelationRegistry;
  manager: Manager<any>;
}

// Keyed by the record class prototype each manager builds its records from.
const scopes = new WeakMap<object, RelationScope>();
const linked = new Set<WeakRef<RelationRegistry>>();

function index(registry: RelationRegistry): void {
  for (const model of registry.models()) {
    const manager = registry.manager(model);
    const prototype = manager.recordClass.prototype;
    if (!scopes.has(prototype)) scopes.set(prototype, { registry, manager });
  }
}

/**
 * Lets `loadRelated` / `prefetch` find the managers of this registry's records (models
 * registered later are picked up on first use). Idempotent; `register()` calls it.
 */
export function linkRelations(registry: RelationRegistry): void {
  let known = false;
  for (const ref of linked) {
    const r = ref.deref();
    if (!r) linked.delete(ref);
    else if (r === registry) known = true;
  }
  if (!known) linked.add(new WeakRef(registry));
  index(registry);
}

/** The scope of a record returned by a manager of a linked registry. */
export function scopeOf(record: object, label: string): RelationScope {
  const prototype =
    record !== null && typeof record === 'object' ? Object.getPrototypeOf(record) : undefined;
  let scope = prototype ? scopes.get(prototype) : undefined;
  if (!scope && prototype) {
    for (const ref of linked) {
      const registry = ref.deref();
      if (registry) index(registry);
    }
    scope = scopes.get(prototype);
  }
  if (!scope) {
    const name = (record as any)?.constructor?.name ?? typeof record;
    throw new RelationshipError(relationMessages.recordOutsideRegistry(label, name), {
      model: name,
      operation: 'related',
    });
  }
  return scope;
}

/** The manager of `model` in the scope's registry (RelationshipError when it is not registered there). */
export function scopedManager(scope: RelationScope, model: Type<any>, label: string): Manager<any> {
  if (!scope.registry.isRegistered(model)) {
    throw new RelationshipError(
      relationMessages.notRegisteredInScope(label, model.name, scope.registry.name),
      {
        model: model.name,
        registry: scope.registry.name,
      },
    );
  }
  return scope.registry.manager(model);
}
