import type { DatabaseConnection } from '../connection/database-connection';
import { SchemaError } from '../errors';
import { schemaMessages } from '../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { additiveColumnShape } from './column-shape';
import { dataOrLockError } from './data-or-lock-error';
import type { DdlDialect } from '../dialects/base/ddl-dialect';
import type { ColumnShape } from '../dialects/base/ddl-shapes';
import { ddlFor } from '../dialects';
import type { ColumnSpec, SchemaDiff } from './interfaces';
import { auditModel, auditTableName } from './synthetic-model';
import { missingColumnProperties, missingTableDrift, tableDrift } from './table-drift';
import { renameModelTable } from './table-rename';

export interface ModelSchemaOptions {
  /**
   * Makes the tables ready before first use (the registry creates missing tables of all
   * its models in foreign-key order). Default: create this model's table when `autoCreate`.
   */
  prepare?: () => Promise<void>;
}

export interface CreateSchemaOptions {
  /** Columns whose foreign keys are added later with `addForeignKeys` (reference cycles). */
  deferForeignKeys?: string[];
}

export type RenameListener = (from: string, to: string) => void;

/**
 * DDL helpers of one model on one connection: create/drop/truncate, additive columns,
 * rename and drift checks. Statements run through the connection, so inside a
 * transaction they join it (PostgreSQL and SQLite roll DDL back; MySQL commits DDL).
 */
export class ModelSchema<T = any> {
  readonly ddl: DdlDialect;
  private isReady = false;
  private readiness?: Promise<void>;
  private readonly renameListeners = new Set<RenameListener>();

  constructor(
    readonly meta: ModelMetadata<T>,
    readonly connection: DatabaseConnection,
    private readonly options: ModelSchemaOptions = {},
  ) {
    this.ddl = ddlFor(connection.dialect);
  }

  get table(): string {
    return this.meta.table;
  }

  /** True once the table is known to be ready (synchronous fast path for managers). */
  get ready(): boolean {
    return this.isReady;
  }

  /** Creates the table before first use when autoCreate is on; cheap after the first call. */
  ensureReady(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    // With a `prepare` (the registry), it decides what is ready (it may have to re-check a
    // table created inside a transaction that could still roll back).
    this.readiness ??= (
      this.options.prepare
        ? this.options.prepare()
        : this.meta.autoCreate
          ? this.createSchema().then(() => undefined)
          : Promise.resolve().then(() => {
              this.isReady = true;
            })
    ).finally(() => {
      this.readiness = undefined;
    });
    return this.readiness;
  }

  /** Marks the table ready (the registry calls it after creating tables). */
  markReady(ready = true): void {
    this.isReady = ready;
  }

  /** Notified after a successful renameTable (managers that cache SQL listen here). */
  onRename(listener: RenameListener): () => void {
    this.renameListeners.add(listener);
    return () => this.renameListeners.delete(listener);
  }

  async schemaExists(): Promise<boolean> {
    return this.tableExists(this.meta.table);
  }

  async tableExists(table: string): Promise<boolean> {
    const { sql, params } = this.ddl.tableExistsSql(table);
    const rows = await this.connection.query(sql, params);
    return rows.length > 0;
  }

  /**
   * Creates the table (and its audit table) when missing; idempotent. Returns true when
   * the model's table was created by this call.
   */
  async createSchema(options: CreateSchemaOptions = {}): Promise<boolean> {
    const created = await this.createTable(this.meta, options);
    if (this.meta.auditLog) await this.createTable(auditModel(this.meta.table));
    this.isReady = true;
    return created;
  }

  private async createTable(
    meta: ModelMetadata,
    options: CreateSchemaOptions = {},
  ): Promise<boolean> {
    if (await this.tableExists(meta.table)) return false;
    try {
      for (const sql of this.ddl.createTableSql(meta, options)) await this.connection.execute(sql);
    } catch (error) {
      if (
        this.ddl.isConcurrentCreation(error) &&
        (await this.tableExists(meta.table).catch(() => false))
      )
        return false;
      const notSchema = await dataOrLockError(this.connection, meta, error, 'createSchema', false);
      if (notSchema) throw notSchema;
      // PostgreSQL/MySQL refuse a reference to a missing table (SQLite accepts it): say which
      const missing = await this.missingReference(meta, options.deferForeignKeys ?? []);
      if (missing) {
        throw new SchemaError(
          schemaMessages.missingReferencedTable(
            meta.name,
            missing.property,
            missing.foreignKey!.table,
          ),
          {
            model: meta.name,
            table: meta.table,
            operation: 'createSchema',
            field: missing.property,
          },
          { cause: error },
        );
      }
      throw new SchemaError(
        schemaMessages.createTableFailed(meta.name, meta.table, (error as Error).message),
        {
          model: meta.name,
          table: meta.table,
          operation: 'createSchema',
        },
        { cause: error },
      );
    } finally {
      this.connection.resetStatements();
    }
    return true;
  }

  /** The first foreign-key field whose referenced table does not exist. */
  private async missingReference(
    meta: ModelMetadata,
    deferred: string[],
  ): Promise<FieldMetadata | undefined> {
    for (const field of meta.fields) {
      const fk = field.foreignKey;
      if (!fk || fk.table === meta.table || deferred.includes(field.column)) continue;
      if (!(await this.tableExists(fk.table).catch(() => true))) return field;
    }
    return undefined;
  }

  /** Adds foreign keys left out of CREATE TABLE (PostgreSQL/MySQL; SQLite declares them inline). */
  async addForeignKeys(columns: string[]): Promise<void> {
    for (const column of columns) {
      const field = this.meta.fields.find((f) => f.column === column && f.foreignKey);
      if (!field) continue;
      try {
        await this.connection.execute(this.ddl.addForeignKeySql(this.meta.table, field));
      } catch (error) {
        const notSchema = await dataOrLockError(this.connection, this.meta, error, 'createSchema');
        throw (
          notSchema ??
          new SchemaError(
            schemaMessages.addForeignKeyFailed(this.meta.name, column, (error as Error).message),
            {
              model: this.meta.name,
              table: this.meta.table,
              operation: 'createSchema',
              field: field.property,
            },
            { cause: error },
          )
        );
      }
    }
    this.connection.resetStatements();
  }

  async dropSchema(): Promise<void> {
    await this.connection.execute(this.ddl.dropTableSql(this.meta.table));
    if (this.meta.auditLog)
      await this.connection.execute(this.ddl.dropTableSql(auditTableName(this.meta.table)));
    this.connection.resetStatements();
    this.isReady = false;
  }

  /** Deletes every row (foreign keys still apply: referenced rows make it fail). */
  async truncate(): Promise<void> {
    await this.connection.execute(this.ddl.deleteAllSql(this.meta.table));
  }

  async columnNames(): Promise<string[]> {
    return (await this.liveColumns()).map((c) => c.name);
  }

  private async liveColumns() {
    const { sql, params } = this.ddl.columnsSql(this.meta.table);
    const rows = await this.connection.query(sql, params);
    return rows.map((row) => this.ddl.liveColumn(row));
  }

  /** Adds a column when missing. Returns true when it was added. */
  async ensureColumn(name: string, spec: ColumnSpec = {}): Promise<boolean> {
    const column = additiveColumnShape(this.meta, name, spec);
    if ((await this.columnNames()).includes(column.column)) return false;
    await this.runAddColumn(column);
    return true;
  }

  /** Adds a column; SchemaError when it already exists. */
  async addColumn(name: string, spec: ColumnSpec = {}): Promise<void> {
    const column = additiveColumnShape(this.meta, name, spec);
    if ((await this.columnNames()).includes(column.column)) {
      throw new SchemaError(
        schemaMessages.columnExists(this.meta.name, column.column, this.meta.table),
        {
          model: this.meta.name,
          table: this.meta.table,
          operation: 'addColumn',
          field: name,
        },
      );
    }
    await this.runAddColumn(column);
  }

  private async runAddColumn(column: ColumnShape): Promise<void> {
    try {
      for (const sql of this.ddl.addColumnSql(this.meta.table, column))
        await this.connection.execute(sql);
    } catch (error) {
      const notSchema = await dataOrLockError(this.connection, this.meta, error, 'addColumn');
      if (notSchema) throw notSchema;
      throw new SchemaError(
        schemaMessages.addColumnFailed(this.meta.name, column.column, (error as Error).message),
        {
          model: this.meta.name,
          table: this.meta.table,
          operation: 'addColumn',
          field: column.column,
        },
        { cause: error },
      );
    } finally {
      this.connection.resetStatements();
    }
  }

  /**
   * Renames the table and points the model at the new name. MigrationError (and nothing
   * changed) when the name is invalid, the table is missing or the target exists.
   */
  async renameTable(to: string): Promise<void> {
    const from = this.meta.table;
    if (!(await renameModelTable(this, to))) return;
    this.meta.table = to;
    for (const listener of this.renameListeners) listener(from, to);
  }

  /** Compares the live table with the model (columns, nullability, coarse type families). */
  async schemaDiff(): Promise<SchemaDiff> {
    const live = await this.liveColumns();
    if (live.length === 0 && !(await this.schemaExists())) return missingTableDrift(this.meta);
    return tableDrift(this.meta, this.ddl, live);
  }

  /** Additive migration: adds missing columns of the model (dry run by default). */
  async migrate(options: { dryRun?: boolean } = {}): Promise<SchemaDiff> {
    const diff = await this.schemaDiff();
    if (options.dryRun !== false || diff.ok) return diff;
    if (diff.missingTable) {
      await this.createSchema();
      return this.schemaDiff();
    }
    for (const property of missingColumnProperties(this.meta, diff))
      await this.ensureColumn(property);
    return this.schemaDiff();
  }
}
