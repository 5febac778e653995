import type { DatabaseConnection } from '../../connection/database-connection';
import type { ModelMetadata } from '../../interfaces/model-metadata.interface';
import type { ModelSchema } from '../../schema/model-schema';

/** A registered model as the sync sees it: its metadata and its schema helper. */
export interface SyncedModel {
  meta: ModelMetadata;
  schema: ModelSchema;
}

/** The registered models of one registry, live (models registered later are included). */
export interface SyncedModels {
  /** In registration order. */
  all(): SyncedModel[];
  byTable(table: string): SyncedModel | undefined;
}

/** What the schema sync needs of its registry. */
export interface SchemaSyncHost {
  /** The registry name (for messages). */
  readonly name: string;
  readonly connection: DatabaseConnection;
  /** Whether `prepare()` creates missing tables. */
  readonly autoCreate: boolean;
  readonly models: SyncedModels;
}
