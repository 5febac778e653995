import type { Manager } from '../manager/manager';
import { MAX_LIST_LENGTH } from '../query/filter-value';
import type { FieldMetadata } from '../interfaces/model-metadata.interface';
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
  if (values.length === 0) return [];
  const size = Math.max(
    1,
    Math.min(MAX_LIST_LENGTH, manager.dialect.maxParameters - PREFETCH_PARAMETER_RESERVE),
  );
  const options = orderBy === undefined ? undefined : { orderBy };
  const rows: object[] = [];
  for (let start = 0; start < values.length; start += size) {
    const chunk = values.slice(start, start + size);
    rows.push(...(await manager.filter({ [`${field.property}__in`]: chunk } as any, options)));
  }
  return rows;
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
 * value per parent, in order. One query for one-to-many and many-to-one, two for
 * many-to-many (join rows, then targets), whatever the number of parents.
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
  return parents.map((parent) => {
    const key = parentKey(parent);
    const links = key === undefined ? undefined : linksByParent.get(key);
    if (!links) return [];
    // Targets deleted since the join row was written are skipped.
    const related = [...links.keys()]
      .map((k) => targetByKey.get(k))
      .filter((row): row is object => row !== undefined);
    if (orderBy !== undefined) related.sort((a, b) => rank.get(a)! - rank.get(b)!);
    return related;
  });
}
