export { SchemaSync } from './schema-sync';
export type {
  SchemaSyncHost,
  SyncedModel,
  SyncedModels,
} from './interfaces/synced-model.interface';
export type {
  AdditiveMigrationReport,
  MigrationStep,
  UnresolvedDrift,
} from './interfaces/additive-migration.interfaces';
