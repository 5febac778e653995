import type { DatabaseConnection } from '../connection/database-connection';
import { MigrationError, SchemaError } from '../errors';
import type {
  FieldMetadata,
  LogicalType,
  ModelMetadata,
} from '../interfaces/model-metadata.interface';
import { DEFAULT_STRING_LENGTH, logicalTypeFromName } from '../metadata/column-type.inference';
import { isSafeIdentifier } from '../metadata/naming';
import type { DdlDialect } from '../dialects/base/ddl-dialect';
import type { ColumnShape } from '../dialects/base/ddl-shapes';
import { ddlFor } from '../dialects';
import type { ColumnSpec, SchemaDiff } from './interfaces';
import { auditModel, auditTableName } from './synthetic-model';

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

/** Zero values used to backfill a NOT NULL column added to a table that has rows. */
const BACKFILL: Partial<Record<LogicalType, unknown>> = {
  string: '',
  text: '',
  integer: 0,
  bigint: 0,
  double: 0,
  decimal: 0,
  boolean: false,
};

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
      // PostgreSQL/MySQL refuse a reference to a missing table (SQLite accepts it): say which
      const missing = await this.missingReference(meta, options.deferForeignKeys ?? []);
      if (missing) {
        throw new SchemaError(
          `${meta.name}.${missing.property}: missing referenced table '${missing.foreignKey!.table}'; create it first, or register both models and call createAll().`,
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
        `${meta.name}: could not create table '${meta.table}': ${(error as Error).message}`,
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
        throw new SchemaError(
          `${this.meta.name}: could not add the foreign key on '${column}': ${(error as Error).message}`,
          {
            model: this.meta.name,
            table: this.meta.table,
            operation: 'createSchema',
            field: field.property,
          },
          { cause: error },
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
    const column = this.columnShape(name, spec);
    if ((await this.columnNames()).includes(column.column)) return false;
    await this.runAddColumn(column);
    return true;
  }

  /** Adds a column; SchemaError when it already exists. */
  async addColumn(name: string, spec: ColumnSpec = {}): Promise<void> {
    const column = this.columnShape(name, spec);
    if ((await this.columnNames()).includes(column.column)) {
      throw new SchemaError(
        `${this.meta.name}: column '${column.column}' already exists in '${this.meta.table}'.`,
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
      throw new SchemaError(
        `${this.meta.name}: could not add column '${column.column}': ${(error as Error).message}`,
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
   * The column to add: a model property uses its field definition (the spec may override
   * nullability/default); any other name is a new column named exactly `name`.
   */
  private columnShape(name: string, spec: ColumnSpec): ColumnShape {
    const field =
      this.meta.fieldsByProperty.get(name) ?? this.meta.fields.find((f) => f.column === name);
    const context = {
      model: this.meta.name,
      table: this.meta.table,
      operation: 'addColumn',
      field: name,
    };
    let shape: ColumnShape;
    if (field && spec.type === undefined) {
      shape = {
        ...field,
        isKey: false,
        idStrategy: undefined,
        enumValues: undefined,
        foreignKey: undefined,
      };
    } else {
      if (!isSafeIdentifier(name)) {
        throw new SchemaError(`${this.meta.name}: '${name}' is not a valid column name.`, context);
      }
      const type = spec.type === undefined ? 'string' : logicalTypeFromName(spec.type);
      if (!type || type === 'enum') {
        throw new SchemaError(
          `${this.meta.name}: unsupported column type '${String(spec.type)}' for '${name}'.`,
          context,
        );
      }
      shape = {
        column: field?.column ?? name,
        type,
        nullable: true,
        length: type === 'string' ? (spec.length ?? DEFAULT_STRING_LENGTH) : undefined,
        timezone: type === 'datetime' ? true : undefined,
        precision: type === 'decimal' ? 12 : undefined,
        scale: type === 'decimal' ? 2 : undefined,
        isKey: false,
      };
    }
    shape.nullable = spec.nullable ?? (field ? field.nullable : true);
    if (spec.length !== undefined && shape.type === 'string') shape.length = spec.length;
    if (spec.default !== undefined) shape.default = spec.default;
    if (
      !shape.nullable &&
      (shape.default === undefined || shape.default === null || typeof shape.default === 'function')
    ) {
      if (!(shape.type in BACKFILL)) {
        throw new SchemaError(
          `${this.meta.name}: a NOT NULL ${shape.type} column '${shape.column}' needs a default to fill existing rows.`,
          context,
        );
      }
      shape.default = BACKFILL[shape.type];
    }
    return shape;
  }

  /**
   * Renames the table and points the model at the new name. MigrationError (and nothing
   * changed) when the name is invalid, the table is missing or the target exists.
   */
  async renameTable(to: string): Promise<void> {
    const from = this.meta.table;
    const context = { model: this.meta.name, table: from, operation: 'renameTable', target: to };
    if (!isSafeIdentifier(to))
      throw new MigrationError(
        `${this.meta.name}: '${String(to)}' is not a valid table name.`,
        context,
      );
    if (to === from) return;
    if (!(await this.tableExists(from)))
      throw new MigrationError(`${this.meta.name}: table '${from}' does not exist.`, context);
    if (await this.tableExists(to))
      throw new MigrationError(`${this.meta.name}: table '${to}' already exists.`, context);
    const rename = async () => {
      await this.renameWithDependents(this.meta, from, to);
      if (this.meta.auditLog && (await this.tableExists(auditTableName(from)))) {
        await this.renameWithDependents(auditModel(from), auditTableName(from), auditTableName(to));
      }
    };
    try {
      // All or nothing where DDL is transactional; MySQL commits each statement anyway.
      await (this.ddl.transactionalDdl ? this.connection.transaction(rename) : rename());
    } catch (error) {
      throw new MigrationError(
        `${this.meta.name}: could not rename '${from}' to '${to}': ${(error as Error).message}`,
        context,
        {
          cause: error,
        },
      );
    } finally {
      this.connection.resetStatements();
    }
    this.meta.table = to;
    for (const listener of this.renameListeners) listener(from, to);
  }

  private async renameWithDependents(meta: ModelMetadata, from: string, to: string): Promise<void> {
    await this.connection.execute(this.ddl.renameTableSql(from, to));
    const names = this.ddl.dependentNamesSql(to, from);
    if (!names) return;
    const live = new Set(
      (await this.connection.query<{ name: string }>(names.sql, names.params)).map((r) => r.name),
    );
    for (const sql of this.ddl.renameDependentsSql(meta, from, to, live))
      await this.connection.execute(sql);
  }

  /** Compares the live table with the model (columns, nullability, coarse type families). */
  async schemaDiff(): Promise<SchemaDiff> {
    const { meta, ddl } = this;
    const diff: SchemaDiff = {
      model: meta.name,
      table: meta.table,
      missingTable: false,
      missingColumns: [],
      extraColumns: [],
      nullableMismatches: [],
      typeMismatches: {},
      ok: true,
    };
    const live = await this.liveColumns();
    if (live.length === 0 && !(await this.schemaExists())) {
      diff.missingTable = true;
      diff.missingColumns = meta.fields.map((f) => f.column);
      diff.ok = false;
      return diff;
    }
    const byName = new Map(live.map((c) => [c.name, c]));
    for (const field of meta.fields) {
      const column = byName.get(field.column);
      if (!column) {
        diff.missingColumns.push(field.column);
        continue;
      }
      if (!field.isKey && column.nullable !== field.nullable)
        diff.nullableMismatches.push(field.column);
      const expected = ddl.typeFamily(ddl.sqlType(field));
      const actual = ddl.typeFamily(column.type);
      if (expected !== actual) diff.typeMismatches[field.column] = { expected, actual };
    }
    const known = new Set(meta.fields.map((f) => f.column));
    diff.extraColumns = live.filter((c) => !known.has(c.name)).map((c) => c.name);
    diff.ok =
      !diff.missingColumns.length &&
      !diff.extraColumns.length &&
      !diff.nullableMismatches.length &&
      !Object.keys(diff.typeMismatches).length;
    return diff;
  }

  /** Additive migration: adds missing columns of the model (dry run by default). */
  async migrate(options: { dryRun?: boolean } = {}): Promise<SchemaDiff> {
    const diff = await this.schemaDiff();
    if (options.dryRun !== false || diff.ok) return diff;
    if (diff.missingTable) {
      await this.createSchema();
      return this.schemaDiff();
    }
    for (const column of diff.missingColumns) {
      const field = this.meta.fields.find((f) => f.column === column)!;
      await this.ensureColumn(field.property);
    }
    return this.schemaDiff();
  }
}
