/** Reflect metadata key under which `defineRelations` stores a model's relations. */
export const MODEL_RELATIONS_METADATA = 'registers:db:model-relations';

/** Names a relation may not take: they would shadow record members or the prototype chain. */
export const FORBIDDEN_RELATION_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  'prototype',
  '__proto__',
]);

/**
 * Bound parameters kept free in each prefetch statement for conditions the manager may add
 * (tenant, soft delete) next to the IN list.
 */
export const PREFETCH_PARAMETER_RESERVE = 16;
