import type { ModelSchema } from '../schema/model-schema';
import { tableCreationSteps } from './creation-order';
import type { SyncedModel, SyncedModels } from './interfaces/synced-model.interface';

/**
 * Creates the missing tables of `models` (and their audit tables), referenced tables first;
 * foreign keys that close a reference cycle are added once every table exists. Returns the
 * tables this call created.
 */
export async function createMissingTables(
  models: SyncedModel[],
  registered: SyncedModels,
): Promise<string[]> {
  const created: string[] = [];
  const deferredSteps: Array<{ schema: ModelSchema; columns: string[] }> = [];
  const lazy = models[0]?.schema.ddl.lazyForeignKeys ?? true;
  const byTable = (table: string) => registered.byTable(table);
  for (const { entry, deferForeignKeys } of tableCreationSteps(models, byTable, lazy)) {
    if (await entry.schema.createSchema({ deferForeignKeys })) {
      created.push(entry.meta.table);
      if (deferForeignKeys.length)
        deferredSteps.push({ schema: entry.schema, columns: deferForeignKeys });
    }
  }
  for (const step of deferredSteps) await step.schema.addForeignKeys(step.columns);
  return created;
}
