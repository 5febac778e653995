import type { Type } from '@nestjs/common';
import type { DatabaseConnection } from '../../connection/database-connection';
import type {
  ExecuteResult,
  ImmediateStatements,
} from '../../dialects/base/driver-session.interface';
import { dialectFor } from '../../dialects';
import type { Dialect } from '../../dialects/base/dialect.interface';
import { InvalidQueryError, RecordNotFoundError, RegistryError, SchemaError } from '../../errors';
import type { FieldMetadata, ModelMetadata } from '../../interfaces/model-metadata.interface';
import { compileHydrator, Hydrator } from '../../records/hydrator';
import { createRecordClass } from '../../records/record-class';
import type { RecordOwner } from '../../records/record-methods.interface';
import type { ModelSchema } from '../../schema/model-schema';
import { checkFieldType } from '../../validation/field-type-check';
import { ModelValidator } from '../../validation/model-validator';
import { isUnsafeKey } from '../../validation/unsafe-keys';
import { AuditTrail } from '../audit-trail';
import { EncryptedFields } from '../encrypted-fields';
import { ModelHooks } from '../model-hooks';
import { ModelStatements } from '../model-statements';
import { PasswordFields } from '../password-fields';
import { FilterSql } from './filter-sql';
import { isPlainData } from './input-shapes';
import { isPersisted } from '../../records/record-state';
import { ROLLBACK_PROBE } from './rollback-probe';
import { TenantGuard } from './tenant-guard';
import { UpsertPlans } from './upsert-plans';

export type Row = Record<string, unknown>;

/**
 * Everything the operations of one model share: its metadata, connection, dialect,
 * prepared SQL texts, record class and field services, plus the plumbing every operation
 * uses (running statements, normalizing driver errors, binding values).
 */
export class ModelContext<T extends object> {
  readonly dialect: Dialect;
  statements: ModelStatements;
  upsertPlans: UpsertPlans<T>;
  audit?: AuditTrail;
  readonly recordClass: Type<T>;
  readonly hydrate: Hydrator<T>;
  readonly validator: ModelValidator<T>;
  readonly passwords: PasswordFields;
  readonly encrypted: EncryptedFields;
  readonly hooks: ModelHooks;
  readonly keyField: FieldMetadata;
  readonly tenancy: TenantGuard<T>;
  readonly filters: FilterSql<T>;
  /** Whether writes stamp `updatedAt` (timestamped models with that field). */
  private readonly stampsUpdatedAt: boolean;

  constructor(
    readonly meta: ModelMetadata<T>,
    readonly connection: DatabaseConnection,
    readonly schema: ModelSchema<T>,
    owner: RecordOwner<T>,
  ) {
    this.dialect = dialectFor(connection.dialect);
    this.statements = new ModelStatements(meta, this.dialect);
    this.keyField = this.statements.keyField;
    this.upsertPlans = new UpsertPlans(this);
    this.recordClass = createRecordClass(meta, owner);
    this.hydrate = compileHydrator(meta, this.recordClass, this.dialect);
    this.validator = new ModelValidator(meta, this.recordClass);
    this.passwords = new PasswordFields(meta);
    this.encrypted = new EncryptedFields(meta);
    this.hooks = new ModelHooks(meta.target);
    this.tenancy = new TenantGuard(this);
    this.filters = new FilterSql(this);
    this.stampsUpdatedAt = meta.timestamps && meta.fieldsByProperty.has('updatedAt');
    if (meta.auditLog) this.audit = new AuditTrail(meta, connection, this.dialect);
    schema.onRename?.(() => {
      this.statements = new ModelStatements(meta, this.dialect);
      this.upsertPlans = new UpsertPlans(this);
      if (meta.auditLog) this.audit = new AuditTrail(meta, connection, this.dialect);
    });
  }

  /** The error context of an operation on this model. */
  context(operation: string, extra: Record<string, unknown> = {}) {
    return { model: this.meta.name, table: this.meta.table, operation, ...extra };
  }

  /** A driver error as the library's error (integrity errors normalized, others wrapped). */
  async normalize(error: unknown, operation: string, rowIndex?: number): Promise<Error> {
    if (error instanceof RegistryError || (error as any) === ROLLBACK_PROBE) return error as Error;
    const normalized = await this.dialect.normalizeError(error, {
      meta: this.meta,
      operation,
      rowIndex,
      indexColumns: (name) => this.indexColumns(name),
    });
    if (normalized) return normalized;
    const code = (error as any)?.code ?? (error as any)?.errno;
    // The driver's message may quote submitted values; it stays on `cause` only.
    return new SchemaError(
      `${this.meta.name}.${operation} failed: database error${code ? ` ${String(code)}` : ''}`,
      this.context(operation, code ? { driverCode: String(code) } : {}),
      { cause: error },
    );
  }

  /** Adds the operation to the context of a query-compiler error that has none. */
  withOperation(error: unknown, operation: string): unknown {
    if (error instanceof RegistryError && error.context.operation === undefined) {
      Object.assign(error.context, this.context(operation), error.context);
    }
    return error;
  }

  /** `error` as the library's error, in a rejected promise (for operations not `async`). */
  rejected(error: unknown, operation: string): Promise<never> {
    return this.normalize(error, operation).then((normalized) => Promise.reject(normalized));
  }

  /**
   * Synchronous statements when the table is ready and the driver can run one now; the
   * hot single-row operations use them to settle in one promise instead of a chain.
   */
  immediate(): ImmediateStatements | undefined {
    return this.schema.ready ? this.connection.immediate() : undefined;
  }

  /** Like immediate, for a write that would need a savepoint (see contained) to run now. */
  immediateWrite(): ImmediateStatements | undefined {
    if (this.dialect.errorAbortsTransaction && this.connection.inTransaction()) return undefined;
    return this.immediate();
  }

  /** Creates the table before first use when the model auto-creates (a no-op once ready). */
  ready(): Promise<void> | undefined {
    return this.schema.ready ? undefined : this.schema.ensureReady();
  }

  /** Runs a statement and returns its rows; `write` contains its failure (see contained). */
  async query(operation: string, sql: string, params: unknown[], write = false): Promise<Row[]> {
    if (!this.schema.ready) await this.schema.ensureReady();
    try {
      return await (write
        ? this.contained(() => this.connection.query(sql, params))
        : this.connection.query(sql, params));
    } catch (error) {
      throw await this.normalize(error, operation);
    }
  }

  /**
   * Runs a read that returns at most one row; undefined when none. Not `async`: reads by
   * key are the hot path, and this adds one promise instead of an async frame.
   */
  queryOne(operation: string, sql: string, params: unknown[]): Promise<Row | undefined> {
    if (!this.schema.ready) {
      return this.schema.ensureReady().then(() => this.queryOne(operation, sql, params));
    }
    return this.connection.queryOne(sql, params).catch(async (error) => {
      throw await this.normalize(error, operation);
    });
  }

  async execute(operation: string, sql: string, params: unknown[]): Promise<ExecuteResult> {
    if (!this.schema.ready) await this.schema.ensureReady();
    try {
      return await this.contained(() => this.connection.execute(sql, params));
    } catch (error) {
      throw await this.normalize(error, operation);
    }
  }

  /**
   * Runs one write so that its failure cannot abort an enclosing transaction: on
   * PostgreSQL, inside a transaction, it gets a savepoint. Elsewhere a failed statement
   * already undoes only itself, so it runs as is.
   */
  contained<R>(fn: () => Promise<R>): Promise<R> {
    return this.dialect.errorAbortsTransaction && this.connection.inTransaction()
      ? this.connection.transaction(fn)
      : fn();
  }

  /** Runs `fn` in a transaction, joining (with a savepoint) one that is already open. */
  transaction<R>(fn: () => Promise<R>): Promise<R> {
    return this.connection.transaction(fn);
  }

  /** Columns of one index of this table (MySQL names only the index in duplicate errors). */
  private async indexColumns(name: string): Promise<string[]> {
    if (this.dialect.name !== 'mysql') return [];
    const rows = await this.connection.query<{ column_name: string }>(
      'SELECT column_name AS column_name FROM information_schema.statistics' +
        ' WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ? ORDER BY seq_in_index',
      [this.meta.table, name],
    );
    return rows.map((r) => r.column_name);
  }

  /** The bound value of a key argument; a missing or mistyped key is refused. */
  keyParam(key: unknown, operation: string): unknown {
    const valid =
      this.keyField.type === 'integer'
        ? Number.isSafeInteger(key)
        : key !== null && key !== undefined && !checkFieldType(this.keyField, key).issue;
    if (!valid) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: invalid ${this.meta.key} value`,
        {
          ...this.context(operation),
          field: this.meta.key,
        },
      );
    }
    return this.dialect.toDriver(this.keyField, key);
  }

  notFound(operation: string, detail: { key?: unknown; fields?: string[] }): RecordNotFoundError {
    const what =
      detail.key !== undefined
        ? ` with ${this.meta.key} ${String(detail.key)}`
        : ' matching the filter';
    return new RecordNotFoundError(
      `${this.meta.name}${what} not found`,
      this.context(operation, detail),
    );
  }

  /**
   * The bound values of `fields` of a record (encrypted fields as ciphertext), appended to
   * `out` when given. A new list is sized up front: single-row writes make one per call.
   */
  paramsOf(record: any, fields: FieldMetadata[], out?: unknown[]): unknown[] {
    const params = out ?? new Array<unknown>(fields.length);
    let at = out ? out.length : 0;
    if (this.encrypted.any) {
      for (const field of fields)
        params[at++] = this.dialect.toDriver(field, this.encrypted.bound(record, field));
    } else {
      for (const field of fields)
        params[at++] = this.dialect.toDriver(field, record[field.property]);
    }
    return params;
  }

  /** Encrypts what a write will bind (records keep their plaintext). */
  async seal(targets: object[], operation: string): Promise<void> {
    if (this.encrypted.any)
      await this.encrypted.sealAll(targets as Array<Record<string, unknown>>, operation);
  }

  /** Decrypts the encrypted fields of records just read. */
  async reveal<R>(records: R, operation: string): Promise<R> {
    if (!this.encrypted.any || records === null) return records;
    await this.encrypted.open(
      (Array.isArray(records) ? records : [records]) as Array<Record<string, unknown>>,
      operation,
    );
    return records;
  }

  /** Sets updatedAt on timestamped models. */
  touch(target: any): void {
    if (this.meta.timestamps && this.meta.fieldsByProperty.has('updatedAt'))
      target.updatedAt = new Date();
  }

  keyOf(record: unknown): unknown {
    return (record as any)[this.meta.key];
  }

  /** The stored-field names among the keys of `data` (what an audit row lists). */
  storedNames(data: unknown): string[] {
    if (data === null || typeof data !== 'object') return [];
    return Object.keys(data).filter((k) => this.meta.fieldsByProperty.has(k));
  }

  /** The stored fields of an object, for inserting a record that was built by hand. */
  fieldValues(record: any): Partial<T> {
    const data: any = {};
    for (const key of Object.keys(record)) if (!isUnsafeKey(key)) data[key] = record[key];
    return data;
  }

  /** Write input as plain data: records and class instances are copied field by field. */
  plainInput(data: unknown): any {
    return data !== null && typeof data === 'object' && (isPersisted(data) || !isPlainData(data))
      ? this.fieldValues(data)
      : data;
  }

  /** The statements of a soft-delete model; other models refuse the operation. */
  requireSoftDelete(operation: string): ModelStatements {
    if (!this.meta.softDelete) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: the model does not use softDelete`,
        this.context(operation),
      );
    }
    return this.statements;
  }

  /** How many keys fit in one `IN (…)` next to `reserved` other parameters. */
  keysPerStatement(reserved = 0): number {
    return Math.max(1, Math.min(1000, this.dialect.maxParameters - reserved));
  }

  assertRows(rows: unknown, operation: string): asserts rows is unknown[] {
    if (!Array.isArray(rows)) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation} needs an array of rows`,
        this.context(operation),
      );
    }
  }

  /** Whether writes carry hooks or audit rows (and so need a transaction of their own). */
  get effects(): boolean {
    return this.hooks.any || this.audit !== undefined;
  }

  /** Whether deletes carry hooks or audit rows. */
  get deleteEffects(): boolean {
    return (
      this.audit !== undefined || this.hooks.has('beforeDelete') || this.hooks.has('afterDelete')
    );
  }
}
