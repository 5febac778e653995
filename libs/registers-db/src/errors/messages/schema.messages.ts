/**
 * Messages of SchemaError and MigrationError: tables and columns that cannot be created,
 * changed or read, migrations that fail, drift. `reason` is the message of the failure.
 */
export const schemaMessages = {
  invalidColumnName: (model: string, column: string) =>
    `${model}: '${column}' is not a valid column name.`,

  unsupportedColumnType: (model: string, type: string, column: string) =>
    `${model}: unsupported column type '${type}' for '${column}'.`,

  backfillNeedsDefault: (model: string, type: string, column: string) =>
    `${model}: a NOT NULL ${type} column '${column}' needs a default to fill existing rows.`,

  missingReferencedTable: (model: string, property: string, table: string) =>
    `${model}.${property}: missing referenced table '${table}'; create it first, or register both models and call createAll().`,

  createTableFailed: (model: string, table: string, reason: string) =>
    `${model}: could not create table '${table}': ${reason}`,

  addForeignKeyFailed: (model: string, column: string, reason: string) =>
    `${model}: could not add the foreign key on '${column}': ${reason}`,

  columnExists: (model: string, column: string, table: string) =>
    `${model}: column '${column}' already exists in '${table}'.`,

  addColumnFailed: (model: string, column: string, reason: string) =>
    `${model}: could not add column '${column}': ${reason}`,

  invalidTableName: (model: string, table: string) =>
    `${model}: '${table}' is not a valid table name.`,

  tableMissing: (model: string, table: string) => `${model}: table '${table}' does not exist.`,

  tableExists: (model: string, table: string) => `${model}: table '${table}' already exists.`,

  renameFailed: (model: string, from: string, to: string, reason: string) =>
    `${model}: could not rename '${from}' to '${to}': ${reason}`,

  upsertedRowMissing: (model: string, operation: string) =>
    `${model}.${operation}: the upserted row was not returned`,

  noGeneratedKeys: (model: string, operation: string) =>
    `${model}.${operation}: the database returned no generated keys`,

  additiveStatementFailed: (
    statement: number,
    total: number,
    action: string,
    table: string | undefined,
    reason: string,
  ) =>
    `Additive migration: statement ${statement} of ${total} failed (${action} on '${table}'): ${reason}`,

  /** `drifts`: one description per drifting table. */
  schemaDrift: (registry: string, drifts: string[]) =>
    `Schema drift detected in registry '${registry}': ${drifts.join(' | ')}`,
};
