import type { FieldMetadata } from '../interfaces/model-metadata.interface';
import type { FailConfiguration } from './configuration-failure';
import { isSafeIdentifier } from './naming';
import { modelMessages } from '../errors/messages';

/** The key names a stored field. */
export function checkKey(
  key: string,
  fields: Map<string, FieldMetadata>,
  fail: FailConfiguration,
): void {
  if (!fields.has(key)) {
    fail(modelMessages.keyNotStored(key), key);
  }
}

/** Every column name is a safe identifier, and no two fields share one. */
export function checkColumns(fields: FieldMetadata[], fail: FailConfiguration): void {
  const seen = new Map<string, string>();
  for (const f of fields) {
    if (!isSafeIdentifier(f.column)) fail(modelMessages.invalidColumnName(f.column), f.property);
    const other = seen.get(f.column);
    if (other) fail(modelMessages.columnShared(other, f.property, f.column), f.property);
    seen.set(f.column, f.property);
  }
}

/**
 * The model's unique groups: the declared ones (checked), then each `unique` field not
 * declared alone. A field that is a group by itself is marked `unique`.
 */
export function uniqueGroups(
  declared: Array<string | string[]>,
  fields: FieldMetadata[],
  byProperty: Map<string, FieldMetadata>,
  fail: FailConfiguration,
): string[][] {
  const groups: string[][] = [];
  const keyOf = (g: string[]) => [...g].sort().join('\u0000');
  const seen = new Set<string>();
  for (const entry of declared) {
    const group = Array.isArray(entry) ? entry : [entry];
    if (group.length === 0) fail(modelMessages.emptyUniqueGroup());
    if (new Set(group).size !== group.length) {
      fail(modelMessages.uniqueGroupRepeatsField(group));
    }
    for (const property of group) {
      if (typeof property !== 'string' || !byProperty.has(property)) {
        fail(modelMessages.uniqueFieldNotStored(String(property)), String(property));
      }
    }
    const k = keyOf(group);
    if (seen.has(k)) fail(modelMessages.uniqueGroupDeclaredTwice(group));
    seen.add(k);
    groups.push([...group]);
  }
  for (const f of fields) {
    if (f.unique && !seen.has(f.property)) {
      seen.add(f.property);
      groups.push([f.property]);
    }
  }
  for (const g of groups) {
    if (g.length === 1) byProperty.get(g[0])!.unique = true;
  }
  return groups;
}
