import { driverError } from '../dialects/base/driver-failure';
import { relationMessages } from '../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import type { Manager } from '../manager/manager';
import { MAX_LIST_LENGTH } from '../query/filter-value';
import { compileHydrator, type Hydrator } from '../records/hydrator';
import { manyToManySql, SOURCE_ALIAS } from './many-to-many.query';
import { scopedManager, type RelationScope } from './relation-scope';
import { PREFETCH_PARAMETER_RESERVE } from './relations.constants';
import type { ResolvedRelation } from './resolve-relation';

/** Values equal in the database map to the same string (1 and 1n, Date instants). */
function keyOf(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return `n:${String(value)}`;
  if (typeof value === 'string') return `s:${value}`;
  if (value instanceof Date) return `d:${value.toISOString()}`;
  return `o:${String(value)}`;
}

function distinctValues(records: object[], field: FieldMetadata): unknown[] {
  const seen = new Map<string, unknown>();
  for (const record of records) {
    const value = (record as any)[field.property];
    if (value !== null && value !== undefined) seen.set(keyOf(value), value);
  }
  return [...seen.values()];
}

/**
 * Rows of `manager` whose `field` is one of `values`: one statement, or one per chunk when
 * the list would pass the dialect's bound-parameter limit (or the query compiler's cap on
 * IN lists).
 */
async function rowsMatching(
  manager: Manager<any>,
  field: FieldMetadata,
  values: unknown[],
  orderBy?: string | readonly string[],
) {
  const options = orderBy === undefined ? undefined : { orderBy };
  const rows: object[] = [];
  for (const chunk of chunksFor(manager, values)) {
    rows.push(...(await manager.filter({ [`${field.property}__in`]: chunk } as any, options)));
  }
  return rows;
}

/** `values` in lists short enough for one statement (none when `values` is empty). */
function chunksFor(manager: Manager<any>, values: unknown[]): unknown[][] {
  const size = Math.max(
    1,
    Math.min(MAX_LIST_LENGTH, manager.dialect.maxParameters - PREFETCH_PARAMETER_RESERVE),
  );
  const chunks: unknown[][] = [];
  for (let start = 0; start < values.length; start += size)
    chunks.push(values.slice(start, start + size));
  return chunks;
}

/** Read rules that live in the manager (soft delete, tenancy, decryption) rule out a raw join. */
function readsThroughManager(meta: ModelMetadata): boolean {
  return meta.softDelete || meta.tenantField !== undefined || meta.fields.some((f) => f.encrypted);
}

const hydrators = new WeakMap<Manager<any>, Hydrator<object>>();

function hydratorOf(manager: Manager<any>): Hydrator<object> {
  let hydrate = hydrators.get(manager);
  if (!hydrate) {
    hydrate = compileHydrator(manager.meta, manager.recordClass, manager.dialect);
    hydrators.set(manager, hydrate);
  }
  return hydrate;
}

function groupBy(rows: object[], field: FieldMetadata): Map<string, object[]> {
  const groups = new Map<string, object[]>();
  for (const row of rows) {
    const key = keyOf((row as any)[field.property]);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * Loads one relation for a batch of parents of the same model and registry; returns one
 * value per parent, in order. One query per relation whatever the number of parents (per
 * chunk of keys when they pass one statement's limits); many-to-many takes two (join rows,
 * then targets) when the target or join model has read rules that live in its manager.
 */
export async function loadRelation(
  relation: ResolvedRelation,
  scope: RelationScope,
  parents: object[],
): Promise<unknown[]> {
  const label = `${relation.source.name}.${relation.name}`;
  const target = scopedManager(scope, relation.target.target, label);
  const values = distinctValues(parents, relation.parentField);
  const parentKey = (parent: object) => {
    const value = (parent as any)[relation.parentField.property];
    return value === null || value === undefined ? undefined : keyOf(value);
  };

  if (relation.kind === 'one-to-many') {
    const orderBy =
      relation.definition.kind === 'one-to-many'
        ? (relation.definition.orderBy as string | string[] | undefined)
        : undefined;
    const rows = await rowsMatching(
      target,
      relation.matchField,
      values,
      orderBy ?? relation.target.key,
    );
    const groups = groupBy(rows, relation.matchField);
    return parents.map((parent) => {
      const key = parentKey(parent);
      return key === undefined ? [] : [...(groups.get(key) ?? [])];
    });
  }

  if (relation.kind === 'many-to-one') {
    const rows = await rowsMatching(target, relation.matchField, values);
    const byKey = new Map(
      rows.map((row) => [keyOf((row as any)[relation.matchField.property]), row]),
    );
    return parents.map((parent) => {
      const key = parentKey(parent);
      return key === undefined ? null : (byKey.get(key) ?? null);
    });
  }

  const through = scopedManager(scope, relation.through!.target, label);
  const linked =
    readsThroughManager(through.meta) || readsThroughManager(target.meta)
      ? await linkedThroughManagers(relation, target, through, values)
      : await linkedInOneQuery(relation, scope, target, through, values, label);
  return parents.map((parent) => {
    const key = parentKey(parent);
    return key === undefined ? [] : (linked.get(key) ?? []);
  });
}

/**
 * Many-to-many in one statement per chunk of parent keys: the targets joined with their
 * join rows. Each parent's list keeps the first link to each target.
 */
async function linkedInOneQuery(
  relation: ResolvedRelation,
  scope: RelationScope,
  target: Manager<any>,
  through: Manager<any>,
  values: unknown[],
  label: string,
): Promise<Map<string, object[]>> {
  const linked = new Map<string, object[]>();
  const seen = new Set<string>();
  if (values.length === 0) return linked;
  await scope.registry.prepare();
  const hydrate = hydratorOf(target);
  const targetKey = relation.targetKeyField!;
  for (const chunk of chunksFor(target, values)) {
    const { sql, params } = manyToManySql(
      relation,
      target.meta,
      through.meta,
      target.dialect,
      chunk,
    );
    let rows: Record<string, unknown>[];
    try {
      rows = await scope.registry.connection.query(sql, params);
    } catch (error) {
      // A busy database or an unknown driver error: DatabaseBusyError or DatabaseError.
      throw driverError((e) => target.dialect.classifyFailure(e), error, {
        label,
        operation: 'related',
        extra: { model: relation.source.name, relation: relation.name },
        failedMessage: (code) => relationMessages.loadFailed(label, code),
      });
    }
    for (const row of rows) {
      const parent = keyOf(target.dialect.fromDriver(relation.matchField, row[SOURCE_ALIAS]));
      const record = hydrate(row);
      const link = `${parent}\u0000${keyOf((record as any)[targetKey.property])}`;
      if (seen.has(link)) continue;
      seen.add(link);
      const list = linked.get(parent);
      if (list) list.push(record);
      else linked.set(parent, [record]);
    }
  }
  return linked;
}

/** Many-to-many through both managers (their read rules apply): join rows, then targets. */
async function linkedThroughManagers(
  relation: ResolvedRelation,
  target: Manager<any>,
  through: Manager<any>,
  values: unknown[],
): Promise<Map<string, object[]>> {
  const joinTarget = relation.joinTargetField!;
  const targetKey = relation.targetKeyField!;
  const joinRows = await rowsMatching(through, relation.matchField, values, relation.through!.key);
  // Per parent: its target keys in join-row order, each once.
  const linksByParent = new Map<string, Map<string, unknown>>();
  for (const row of joinRows) {
    const value = (row as any)[joinTarget.property];
    if (value === null || value === undefined) continue;
    const parent = keyOf((row as any)[relation.matchField.property]);
    let links = linksByParent.get(parent);
    if (!links) linksByParent.set(parent, (links = new Map()));
    links.set(keyOf(value), value);
  }
  const targetValues = new Map<string, unknown>();
  for (const links of linksByParent.values())
    for (const [key, value] of links) targetValues.set(key, value);
  const orderBy =
    relation.definition.kind === 'many-to-many' ? relation.definition.orderBy : undefined;
  const targets = await rowsMatching(target, targetKey, [...targetValues.values()], orderBy);
  const targetByKey = new Map(targets.map((row) => [keyOf((row as any)[targetKey.property]), row]));
  const rank = new Map(targets.map((row, i) => [row, i]));
  const linked = new Map<string, object[]>();
  for (const [parent, links] of linksByParent) {
    // Targets deleted since the join row was written are skipped.
    const related = [...links.keys()]
      .map((k) => targetByKey.get(k))
      .filter((row): row is object => row !== undefined);
    if (orderBy !== undefined) related.sort((a, b) => rank.get(a)! - rank.get(b)!);
    linked.set(parent, related);
  }
  return linked;
}
