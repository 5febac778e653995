import type { ModelMetadata } from '../interfaces/model-metadata.interface';

export interface CreationStep<E> {
  entry: E;
  /** FK columns that point at a table created later in a reference cycle. */
  deferred: string[];
}

/**
 * Orders tables so that referenced tables come first. Foreign keys that close a cycle
 * are reported as deferred (added with ALTER TABLE once every table exists).
 */
export function creationOrder<E extends { meta: ModelMetadata }>(
  entries: E[],
  byTable: (table: string) => E | undefined,
): CreationStep<E>[] {
  const inSet = new Set(entries);
  const state = new Map<E, 'visiting' | 'done'>();
  const steps: CreationStep<E>[] = [];
  const visit = (entry: E) => {
    state.set(entry, 'visiting');
    const deferred: string[] = [];
    for (const field of entry.meta.fields) {
      if (!field.foreignKey) continue;
      const target = byTable(field.foreignKey.table);
      if (!target || target === entry || !inSet.has(target)) continue;
      const s = state.get(target);
      if (s === 'visiting') deferred.push(field.column);
      else if (s === undefined) visit(target);
    }
    state.set(entry, 'done');
    steps.push({ entry, deferred });
  };
  for (const entry of entries) if (!state.has(entry)) visit(entry);
  return steps;
}

/**
 * The CREATE TABLE order of `entries` with the foreign keys each leaves out: none where the
 * dialect accepts a reference to a table created later (`lazyForeignKeys`, SQLite), else
 * those closing a reference cycle, added once every table exists.
 */
export function tableCreationSteps<E extends { meta: ModelMetadata }>(
  entries: E[],
  byTable: (table: string) => E | undefined,
  lazyForeignKeys: boolean,
): Array<{ entry: E; deferForeignKeys: string[] }> {
  return creationOrder(entries, byTable).map(({ entry, deferred }) => ({
    entry,
    deferForeignKeys: lazyForeignKeys ? [] : deferred,
  }));
}
