// Public API of @registers/db. Nothing outside this file is imported by users.
export * from './errors';
export * from './interfaces/model-metadata.interface';
export * from './query/query-dialect.interface';
export {
  DEFAULT_REGISTRY_NAME,
  SCHEMA_MIGRATIONS_TABLE,
  RECORD_MEMBER_NAMES,
  MANAGER_MEMBER_NAMES,
  MODEL_HOOK_NAMES,
} from './constants';

// models
export * from './decorators';
export type { ModelOptions } from './metadata/interfaces/model-options.interface';
export type { FieldOptions } from './metadata/interfaces/field-options.interface';
export { getModelMetadata } from './metadata/model-metadata.factory';
export { ModelMetadataAccessor } from './metadata/model-metadata.accessor';

// connection, schema, registry
export {
  DatabaseConnection,
  DEFAULT_DATABASE_URL,
  DATABASE_URL_VARIABLE,
  databaseUrlFromEnvironment,
  readSetting,
  redactDatabaseUrl,
} from './connection';
export type { DatabaseConnectionOptions, ExecuteResult, TransactionOptions } from './connection';
export { ModelSchema } from './schema/model-schema';
export type {
  ModelSchemaOptions,
  CreateSchemaOptions,
  RenameListener,
} from './schema/model-schema';
export type { ColumnSpec, SchemaDiff, TypeMismatch } from './schema/interfaces';
export { buildEntitySchema } from './schema/entity-schema.builder';
export { constraintName } from './dialects/base/constraint-names';
export { auditTableName } from './schema/synthetic-model';
export * from './registry';
export * from './sync';
export * from './migrations';
export * from './seeding';

// Nest integration
export { RegistersDbModule } from './nest/registers-db.module';
export { getManagerToken, getRegistryToken } from './nest/registers-db.tokens';
export type {
  RegistersDbModuleOptions,
  RegistersDbModuleAsyncOptions,
  RegistersDbOptionsFactory,
} from './nest/interfaces/registers-db-module-options.interface';

// managers and queries
export { Manager } from './manager/manager';
export type {
  FindOptions,
  FullTableOptions,
  LookupArgs,
  KeyValue,
  AggregateSpec,
  PageRequest,
  Page,
} from './manager/manager-options.interface';
export { auditActor, currentAuditActor } from './manager/scopes/audit-actor';
export { ENCRYPTION_KEY_ENV } from './manager/encrypted-fields';
export type { ModelHookName, ModelSubscriberLike } from './manager/model-hooks';
export { dialectFor } from './dialects';
/** The text rule every write applies (no NUL, no lone surrogate), for checks of a request's own. */
export { isStorableText } from './validation/text-values';
export { tenantScope, unscoped } from './manager/scopes/tenant-scope';
export type { TenantValue } from './manager/scopes/tenant-scope';
export type { AuditOperation } from './manager/audit-trail';
export type { ManagedRecord, RecordMethods } from './records/record-methods.interface';
export * from './query';
export * from './relations';
export type { RelationRegistry } from './relations/relation-scope';

// security and HTTP mapping
export * from './security';
export * from './filters';
