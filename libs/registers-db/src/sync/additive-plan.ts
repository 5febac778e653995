import type { ModelSchema } from '../schema/model-schema';
import type { SchemaDiff } from '../schema/interfaces';
import { missingColumnProperties } from '../schema/table-drift';
import { tableCreationSteps } from './creation-order';
import type { MigrationStep, UnresolvedDrift } from './interfaces/additive-migration.interfaces';
import type { SyncedModel } from './interfaces/synced-model.interface';

/** One planned additive change of one model's table, before it has statements. */
export interface AdditiveStep {
  model: SyncedModel;
  action: MigrationStep['action'];
  /** The column added (for `add column` / `add foreign key`). */
  column?: string;
  /** The property whose column `add column` adds. */
  property?: string;
  /** `create table`: foreign keys left for later `add foreign key` steps (reference cycles). */
  deferForeignKeys?: string[];
}

export interface AdditivePlan {
  steps: AdditiveStep[];
  unresolved: UnresolvedDrift[];
}

/**
 * What additive migration does about `diffs`, in order: create the missing tables
 * (referenced tables first, as `createAll` does), add the foreign keys that close a reference
 * cycle, then add the missing columns. Extra columns, type and nullability differences are
 * listed as unresolved: they need a real migration.
 */
export function planAdditiveSteps(
  models: SyncedModel[],
  diffs: Record<string, SchemaDiff>,
  lazyForeignKeys: boolean,
): AdditivePlan {
  const steps: AdditiveStep[] = [];
  const unresolved: UnresolvedDrift[] = [];
  const byTable = (table: string) => models.find((m) => m.meta.table === table);
  const missing = models.filter((m) => diffs[m.meta.table]?.missingTable);
  const created = tableCreationSteps(missing, byTable, lazyForeignKeys);
  for (const { entry, deferForeignKeys } of created)
    steps.push({ model: entry, action: 'create table', deferForeignKeys });
  for (const { entry, deferForeignKeys } of created)
    for (const column of deferForeignKeys)
      steps.push({ model: entry, action: 'add foreign key', column });

  for (const model of models) {
    const { meta } = model;
    const diff = diffs[meta.table];
    if (!diff || diff.missingTable) continue;
    const properties = missingColumnProperties(meta, diff);
    diff.missingColumns.forEach((column, i) =>
      steps.push({ model, action: 'add column', column, property: properties[i] }),
    );
    const base = { model: meta.name, table: meta.table };
    for (const column of diff.extraColumns)
      unresolved.push({ ...base, column, issue: 'extra column' });
    for (const column of diff.nullableMismatches)
      unresolved.push({ ...base, column, issue: 'nullability differs' });
    for (const [column, m] of Object.entries(diff.typeMismatches))
      unresolved.push({
        ...base,
        column,
        issue: 'type differs',
        detail: `${m.actual}, expected ${m.expected}`,
      });
  }
  return { steps, unresolved };
}

/** Runs one planned step through `schema` (the model's own, or one that records statements). */
export async function runAdditiveStep(step: AdditiveStep, schema: ModelSchema): Promise<void> {
  if (step.action === 'create table')
    await schema.createSchema({ deferForeignKeys: step.deferForeignKeys });
  else if (step.action === 'add foreign key') await schema.addForeignKeys([step.column!]);
  else await schema.ensureColumn(step.property!);
}
