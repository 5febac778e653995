import { AUDIT_TABLE_SUFFIX, SCHEMA_MIGRATIONS_TABLE, SEED_LEDGER_TABLE } from '../constants';
import type {
  FieldMetadata,
  LogicalType,
  ModelMetadata,
} from '../interfaces/model-metadata.interface';
import { snakeCase } from '../metadata/naming';

type ColumnDraft = [property: string, type: LogicalType, options?: Partial<FieldMetadata>];

/**
 * Metadata for tables the library owns (ledgers, audit log), so they share the model DDL path.
 * `target` is the class a Manager of the table builds its records from.
 */
export function syntheticModel<T = any>(
  name: string,
  table: string,
  columns: ColumnDraft[],
  target?: Function,
): ModelMetadata<T> {
  const fields: FieldMetadata[] = columns.map(([property, type, options]) => ({
    property,
    column: snakeCase(property),
    type,
    nullable: false,
    unique: false,
    index: false,
    isKey: property === 'id',
    idStrategy: property === 'id' ? 'autoincrement' : undefined,
    hashPassword: false,
    encrypted: false,
    excludeFromDb: false,
    ...(type === 'string' ? { length: 255 } : {}),
    ...(type === 'datetime' ? { timezone: true } : {}),
    ...options,
  }));
  return plainModelMetadata<T>(name, table, fields, target);
}

/** Metadata of a model keyed on `id` over `fields`, with every model option off. */
export function plainModelMetadata<T = any>(
  name: string,
  table: string,
  fields: FieldMetadata[],
  target: Function = Object,
): ModelMetadata<T> {
  return {
    target: target as any,
    name,
    table,
    key: 'id',
    fields,
    fieldsByProperty: new Map(fields.map((f) => [f.property, f])),
    unique: [],
    autoCreate: true,
    timestamps: false,
    softDelete: false,
    auditLog: false,
  };
}

/** `<table>_audit`: one row per change of an `auditLog` model. */
export function auditTableName(table: string): string {
  return `${table}${AUDIT_TABLE_SUFFIX}`;
}

export function auditModel(table: string): ModelMetadata {
  return syntheticModel('AuditEntry', auditTableName(table), [
    ['id', 'integer'],
    ['tableName', 'string', { length: 63 }],
    ['recordKey', 'string'],
    ['operation', 'string', { length: 16 }],
    ['changedFields', 'json', { nullable: true }],
    ['actor', 'string', { nullable: true }],
    ['createdAt', 'datetime', { index: true }],
  ]);
}

/**
 * A ledger name column: VARCHAR(255) like any string field, without the length check a
 * Manager would add. The ledgers store what the database takes (SQLite keeps longer names).
 */
const LEDGER_NAME: Partial<FieldMetadata> = { length: undefined };

/** A row of the `registers_schema_migrations` ledger. */
export interface SchemaMigrationRow {
  id?: number;
  /** The schema checksum. */
  version: string;
  name: string;
  /** JSON list of the registered tables. */
  tables: string;
  appliedAt: Date;
}

/** The `registers_schema_migrations` ledger written by `createAll()`. */
export function migrationLedgerModel(): ModelMetadata<SchemaMigrationRow> {
  return syntheticModel<SchemaMigrationRow>(
    'SchemaMigration',
    SCHEMA_MIGRATIONS_TABLE,
    [
      ['id', 'integer'],
      ['version', 'string', { length: 64 }],
      ['name', 'string', LEDGER_NAME],
      ['tables', 'text'],
      ['appliedAt', 'datetime'],
    ],
    class SchemaMigration {},
  );
}

/** A row of the `registers_seeds` ledger. */
export interface SeedRunRow {
  id?: number;
  /** The seeder's name. */
  name: string;
  appliedAt: Date;
}

/** The `registers_seeds` ledger: which seeders ran on this database. */
export function seedLedgerModel(): ModelMetadata<SeedRunRow> {
  const meta = syntheticModel<SeedRunRow>(
    'SeedRun',
    SEED_LEDGER_TABLE,
    [
      ['id', 'integer'],
      ['name', 'string', { ...LEDGER_NAME, unique: true }],
      ['appliedAt', 'datetime'],
    ],
    class SeedRun {},
  );
  meta.unique = [['name']];
  return meta;
}
