import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { Manager } from '../manager/manager';
import type { ModelSchema } from '../schema/model-schema';
import type { SyncedModels } from '../sync/interfaces/synced-model.interface';

/** One registered model: the registry's copy of its metadata, its schema helper and manager. */
export interface RegisteredModel {
  target: Function;
  meta: ModelMetadata;
  schema: ModelSchema;
  manager: Manager<any>;
}

/** The models of one registry, by class and by table name, in registration order. */
export class RegisteredModels implements SyncedModels {
  private readonly byClass = new Map<Function, RegisteredModel>();
  private readonly tables = new Map<string, RegisteredModel>();

  has(model: Function): boolean {
    return this.byClass.has(model);
  }

  get(model: Function): RegisteredModel | undefined {
    return this.byClass.get(model);
  }

  byTable(table: string): RegisteredModel | undefined {
    return this.tables.get(table);
  }

  all(): RegisteredModel[] {
    return [...this.byClass.values()];
  }

  classes(): Function[] {
    return [...this.byClass.keys()];
  }

  add(entry: RegisteredModel): void {
    this.byClass.set(entry.target, entry);
    this.tables.set(entry.meta.table, entry);
    // renameTable() moves the model to another table name.
    entry.schema.onRename((from, to) => {
      this.tables.delete(from);
      this.tables.set(to, entry);
    });
  }
}
