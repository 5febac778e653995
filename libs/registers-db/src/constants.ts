/** Reflect metadata keys and shared names of @registers/db. */
export const MODEL_OPTIONS_METADATA = 'registers:db:model-options';
export const MODEL_FIELDS_METADATA = 'registers:db:model-fields';

export const DEFAULT_REGISTRY_NAME = 'default';
export const SCHEMA_MIGRATIONS_TABLE = 'registers_schema_migrations';
export const AUDIT_TABLE_SUFFIX = '_audit';

/** Properties added to models with `timestamps` / `softDelete` when the class does not declare them. */
export const CREATED_AT_PROPERTY = 'createdAt';
export const UPDATED_AT_PROPERTY = 'updatedAt';
export const DELETED_AT_PROPERTY = 'deletedAt';

export const REGISTERS_DB_MODULE_OPTIONS = 'REGISTERS_DB_MODULE_OPTIONS';

/** Members of records: a field with one of these names would shadow them. */
export const RECORD_MEMBER_NAMES = [
  'save',
  'delete',
  'refresh',
  'update',
  'related',
  'verifyPassword',
  'verifyAndUpgradePassword',
] as const;

/** Manager methods: a field must not reuse these names. */
export const MANAGER_MEMBER_NAMES = [
  'create',
  'strictCreate',
  'upsert',
  'save',
  'updateWhere',
  'delete',
  'deleteWhere',
  'bulkCreate',
  'bulkUpsert',
  'bulkDelete',
  'get',
  'require',
  'filter',
  'all',
  'exists',
  'count',
  'first',
  'last',
  'refresh',
  'getOrCreate',
  'updateOrCreate',
  'exclude',
  'select',
  'valuesList',
  'countBy',
  'aggregate',
  'paginate',
  'raw',
  'rawDicts',
  'executeRaw',
  'createSchema',
  'schemaExists',
  'truncate',
  'dropSchema',
  'ensureColumn',
  'addColumn',
  'renameTable',
  'columnNames',
  'schemaDiff',
  'migrate',
  'restore',
  'hardDelete',
  'purgeDeleted',
  'transaction',
  'dispose',
] as const;

/** Static lifecycle hooks a model class may define. */
export const MODEL_HOOK_NAMES = [
  'beforeCreate',
  'afterCreate',
  'beforeSave',
  'afterSave',
  'beforeDelete',
  'afterDelete',
  'beforeBulkCreate',
  'afterBulkCreate',
] as const;

export const SEEDER_METADATA = 'registers:db:seeder';
export const SEED_LEDGER_TABLE = 'registers_seeds';

export const MODEL_SUBSCRIBER_METADATA = 'registers:db:model-subscriber';
