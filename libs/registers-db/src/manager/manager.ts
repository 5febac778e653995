import type { Type } from '@nestjs/common';
import type { DatabaseConnection } from '../connection/database-connection';
import type { Dialect } from '../dialects/dialect.interface';
import { dialectFor } from '../dialects';
import {
  DuplicateKeyError,
  ImmutableFieldError,
  InvalidQueryError,
  RecordNotFoundError,
  RegistryError,
  SchemaError,
  UniqueConstraintError,
} from '../errors';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import {
  AggregateDescriptor,
  aggregateField,
  aggregateResult,
  compileAggregate,
  compileOrderBy,
  compileWhere,
  isAggregate,
  Q,
  SqlParams,
  validateQueryOptions,
} from '../query';
import type { Filter } from '../query/query-node';
import type { ModelSchema } from '../schema/model-schema';
import { createRecordClass } from '../records/record-class';
import { compileHydrator, Hydrator } from '../records/hydrator';
import type { ManagedRecord, RecordOwner } from '../records/record-methods.interface';
import {
  forgetPersisted,
  isPersisted,
  markPersisted,
  persistedKeyOf,
} from '../records/record-state';
import { checkFieldType } from '../validation/field-type-check';
import { ModelValidator } from '../validation/model-validator';
import { isUnsafeKey } from '../validation/unsafe-keys';
import type {
  AggregateSpec,
  FindOptions,
  FullTableOptions,
  KeyValue,
  LookupArgs,
  Page,
  PageRequest,
} from './manager-options.interface';
import { ModelStatements } from './model-statements';
import { decodeCursor, encodeCursor } from './page-cursor';
import { compileRawSql, RawSqlRefusal } from './raw-sql';
import { PasswordFields } from './password-fields';
import { EncryptedFields } from './encrypted-fields';
import type { FieldCipher } from '../security/encryption';
import { AuditTrail } from './audit-trail';
import { ModelHooks, type ModelSubscriberLike } from './model-hooks';
import { currentTenantFrame } from './scopes/tenant-scope';
import { reverseOrder } from './order-by';
import { chunked, chunkSizes } from './chunking';

type Row = Record<string, unknown>;

/** Where-like input: a plain object or a Q node (anything that is not a key value). */
function isFilter(value: unknown): value is Filter {
  return value !== null && typeof value === 'object' && !(value instanceof Date);
}

const ROLLBACK_PROBE = Symbol('rollback probe');

/** A chunk's INSERT, sent, with its outcome captured (so no rejection goes unhandled). */
interface InFlightChunk<T> {
  chunk: T[];
  start: number;
  outcome: Promise<{ rows: Row[] } | { error: unknown }>;
}

/** Carries a failed chunk's driver error out of the batch transaction (which rolls back). */
class ChunkFailure {
  constructor(
    readonly error: unknown,
    readonly start: number,
    readonly end: number,
  ) {}
}

/**
 * The async data-access surface of one registered model. SQL is built once per model and
 * statement shape; every call goes through the connection, so inside
 * `registry.transaction(fn)` it joins that transaction. Records are instances of the model.
 */
export class Manager<T extends object> implements RecordOwner<T> {
  readonly dialect: Dialect;
  private statements: ModelStatements;
  /** The class of the records this manager returns (a subclass of the model). */
  readonly recordClass: Type<T>;
  private readonly passwords: PasswordFields;
  private readonly encrypted: EncryptedFields;
  private readonly hooks: ModelHooks;
  private readonly tenantField?: FieldMetadata;
  private audit?: AuditTrail;
  private readonly hydrate: Hydrator<T>;
  private readonly validator: ModelValidator<T>;
  private readonly keyField: FieldMetadata;
  private readonly uniqueGroups: FieldMetadata[][];

  constructor(
    readonly meta: ModelMetadata<T>,
    readonly connection: DatabaseConnection,
    readonly schema: ModelSchema<T>,
  ) {
    this.dialect = dialectFor(connection.dialect);
    this.statements = new ModelStatements(meta, this.dialect);
    this.keyField = this.statements.keyField;
    this.recordClass = createRecordClass(meta, this);
    this.hydrate = compileHydrator(meta, this.recordClass, this.dialect);
    this.validator = new ModelValidator(meta, this.recordClass);
    this.passwords = new PasswordFields(meta);
    this.encrypted = new EncryptedFields(meta);
    this.hooks = new ModelHooks(meta.target);
    this.tenantField = meta.tenantField ? meta.fieldsByProperty.get(meta.tenantField) : undefined;
    if (meta.auditLog) this.audit = new AuditTrail(meta, connection, this.dialect);
    this.uniqueGroups = meta.unique.map((group) => group.map((p) => meta.fieldsByProperty.get(p)!));
    schema.onRename?.(() => {
      this.statements = new ModelStatements(meta, this.dialect);
      if (meta.auditLog) this.audit = new AuditTrail(meta, connection, this.dialect);
    });
  }

  // ---------------------------------------------------------------- plumbing

  private context(operation: string, extra: Record<string, unknown> = {}) {
    return { model: this.meta.name, table: this.meta.table, operation, ...extra };
  }

  /** A driver error as the library's error (integrity errors normalized, others wrapped). */
  private async normalize(error: unknown, operation: string, rowIndex?: number): Promise<Error> {
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

  /** Creates the table before first use when the model auto-creates (a no-op once ready). */
  private ready(): Promise<void> | undefined {
    return this.schema.ready ? undefined : this.schema.ensureReady();
  }

  private async query(
    operation: string,
    sql: string,
    params: unknown[],
    write = false,
  ): Promise<Row[]> {
    if (!this.schema.ready) await this.schema.ensureReady();
    try {
      return await (write
        ? this.contained(() => this.connection.query(sql, params))
        : this.connection.query(sql, params));
    } catch (error) {
      throw await this.normalize(error, operation);
    }
  }

  private async execute(operation: string, sql: string, params: unknown[]) {
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
  private contained<R>(fn: () => Promise<R>): Promise<R> {
    return this.dialect.errorAbortsTransaction && this.connection.inTransaction()
      ? this.connection.transaction(fn)
      : fn();
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

  /** Runs `fn` in a transaction, joining (with a savepoint) one that is already open. */
  private inTransaction<R>(fn: () => Promise<R>): Promise<R> {
    return this.connection.transaction(fn);
  }

  private keyParam(key: unknown, operation: string): unknown {
    if (key === null || key === undefined || checkFieldType(this.keyField, key).issue) {
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

  /**
   * Tenant models: the tenant the current flow works for, or undefined inside unscoped().
   * Outside both, the operation is refused.
   */
  private tenant(operation: string): { value: unknown } | undefined {
    if (!this.tenantField) return undefined;
    const frame = currentTenantFrame();
    if (frame?.unscoped) return undefined;
    if (frame?.tenant === undefined) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation} runs outside a tenantScope (use tenantScope(tenant, fn), or unscoped(fn) for all tenants)`,
        this.context(operation, { field: this.tenantField.property }),
      );
    }
    return { value: frame.tenant };
  }

  /** Fills the tenant field of input data, refusing a different tenant. */
  private withTenant(data: unknown, operation: string): any {
    const tenant = this.tenant(operation);
    if (!tenant || data === null || typeof data !== 'object' || Array.isArray(data)) return data;
    const property = this.tenantField!.property;
    const given = (data as any)[property];
    if (given !== undefined && given !== null && String(given) !== String(tenant.value)) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: ${property} belongs to another tenant`,
        this.context(operation, { field: property }),
      );
    }
    return { ...(data as object), [property]: tenant.value };
  }

  /** Refuses to touch a record (or key row) of another tenant. */
  private assertTenantOf(record: unknown, operation: string): void {
    const tenant = this.tenant(operation);
    if (!tenant) return;
    const property = this.tenantField!.property;
    if (String((record as any)?.[property]) !== String(tenant.value)) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: the record belongs to another tenant`,
        this.context(operation, { field: property }),
      );
    }
  }

  /**
   * ` WHERE …` for a filter, or '' when nothing restricts the rows; values go to `params`.
   * Soft-deleted rows are left out unless `includeDeleted`. With `guard`, an empty filter
   * is refused unless `allowFullTable`.
   */
  private whereClause(
    filter: Filter | undefined,
    params: SqlParams,
    operation: string,
    scope: { includeDeleted?: boolean; guard?: FullTableOptions | null } = {},
  ): string {
    if (filter !== undefined && !isFilter(filter)) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: where must be an object`,
        this.context(operation),
      );
    }
    let condition: string;
    try {
      condition = compileWhere(this.meta, filter, this.dialect, params);
    } catch (error) {
      throw this.withOperation(error, operation);
    }
    if (scope.guard !== undefined)
      this.guardFullTable(condition, scope.guard ?? undefined, operation);
    const parts: string[] = [];
    if (condition)
      parts.push(
        parts.length || this.statements.live || this.tenantField ? `(${condition})` : condition,
      );
    if (!scope.includeDeleted && this.statements.live) parts.push(this.statements.live);
    const tenant = this.tenant(operation);
    if (tenant) {
      const field = this.tenantField!;
      parts.push(
        `${this.dialect.quoteIdentifier(field.column)} = ${params.add(this.dialect.toDriver(field, tenant.value))}`,
      );
    }
    return parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
  }

  private withOperation(error: unknown, operation: string): unknown {
    if (error instanceof RegistryError && error.context.operation === undefined) {
      Object.assign(error.context, this.context(operation), error.context);
    }
    return error;
  }

  private guardFullTable(
    where: string,
    options: FullTableOptions | undefined,
    operation: string,
  ): void {
    if (!where && !options?.allowFullTable) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation} with an empty where touches every row; pass { allowFullTable: true } to do that`,
        this.context(operation),
      );
    }
  }

  private tail(
    options: FindOptions | undefined,
    operation: string,
    defaultOrder?: string | readonly string[],
  ): string {
    try {
      if (options !== undefined) validateQueryOptions(this.meta, options);
      const order = options?.orderBy ?? defaultOrder;
      return (
        (order === undefined ? '' : compileOrderBy(this.meta, order, this.dialect)) +
        this.dialect.limitOffset(options?.limit, options?.offset)
      );
    } catch (error) {
      throw this.withOperation(error, operation);
    }
  }

  private paramsOf(record: any, fields: FieldMetadata[], out: unknown[] = []): unknown[] {
    if (this.encrypted.any) {
      for (const field of fields)
        out.push(this.dialect.toDriver(field, this.encrypted.bound(record, field)));
      return out;
    }
    for (const field of fields) out.push(this.dialect.toDriver(field, record[field.property]));
    return out;
  }

  /** Encrypts what a write will bind (records keep their plaintext). */
  private async seal(targets: object[], operation: string): Promise<void> {
    if (this.encrypted.any)
      await this.encrypted.sealAll(targets as Array<Record<string, unknown>>, operation);
  }

  /** Decrypts the encrypted fields of records just read. */
  private async reveal<R>(records: R, operation: string): Promise<R> {
    if (!this.encrypted.any || records === null) return records;
    await this.encrypted.open(
      (Array.isArray(records) ? records : [records]) as Array<Record<string, unknown>>,
      operation,
    );
    return records;
  }

  /**
   * Adds an object whose hook methods (`beforeCreate`, `afterSave`, …) run after the
   * model's static hooks, in the write's transaction (how DI-aware subscribers are wired).
   * Returns the function that removes it.
   */
  subscribe(subscriber: ModelSubscriberLike): () => void {
    return this.hooks.subscribe(subscriber);
  }

  /**
   * Sets the cipher of the model's `encrypted` fields (without one, the manager reads a
   * base64 key from REGISTERS_ENCRYPTION_KEY at first use).
   */
  useFieldCipher(cipher: FieldCipher): this {
    this.encrypted.use(cipher);
    return this;
  }

  private touch(target: any): void {
    if (this.meta.timestamps && this.meta.fieldsByProperty.has('updatedAt'))
      target.updatedAt = new Date();
  }

  // ---------------------------------------------------------------- writes
  //
  // Each public write runs its `…Now` implementation; models with static hooks or an
  // audit log run it inside a transaction together with the hooks and audit rows.

  /** Whether writes carry hooks or audit rows (and so need a transaction of their own). */
  private get effects(): boolean {
    return this.hooks.any || this.audit !== undefined;
  }

  private withEffects<R>(fn: () => Promise<R>): Promise<R> {
    return this.connection.transaction(fn);
  }

  private storedNames(data: unknown): string[] {
    if (data === null || typeof data !== 'object') return [];
    return Object.keys(data).filter((k) => this.meta.fieldsByProperty.has(k));
  }

  private keyOf(record: unknown): unknown {
    return (record as any)[this.meta.key];
  }

  /** Validates `data` and inserts one record; returns it with its key. */
  create(data: Partial<T>): Promise<ManagedRecord<T>> {
    if (!this.effects) return this.createNow(data);
    return this.withEffects(async () => {
      const input = await this.hooks.run('beforeCreate', data);
      const record = await this.createNow(input);
      await this.audit?.write('create', [this.keyOf(record)], this.storedNames(record));
      await this.hooks.run('afterCreate', record);
      return record;
    });
  }

  /**
   * Inserts or updates in one atomic statement: on the key when the data has one, else
   * on the first unique group the data fills, else a plain insert. On a conflict only
   * the fields present in the data are updated.
   */
  upsert(data: Partial<T>): Promise<ManagedRecord<T>> {
    if (!this.audit) return this.upsertNow(data);
    return this.withEffects(async () => {
      const record = await this.upsertNow(data);
      await this.audit!.write('upsert', [this.keyOf(record)], this.storedNames(data));
      return record;
    });
  }

  /** Writes a record: an update by key when it came from the database, else an insert. */
  save(record: T): Promise<ManagedRecord<T>> {
    if (!this.effects || !record || typeof record !== 'object' || !isPersisted(record))
      return this.saveNow(record);
    return this.withEffects(async () => {
      await this.hooks.run('beforeSave', record);
      const saved = await this.saveNow(record);
      await this.audit?.write(
        'update',
        [this.keyOf(saved)],
        this.statements.updateFields.map((f) => f.property),
      );
      await this.hooks.run('afterSave', saved);
      return saved;
    });
  }

  /** Validates and writes `changes` to the record's row, then applies them to the record. */
  updateRecord(record: T, changes: Partial<T>): Promise<T> {
    if (!this.effects) return this.updateRecordNow(record, changes);
    return this.withEffects(async () => {
      await this.hooks.run('beforeSave', record);
      const updated = await this.updateRecordNow(record, changes);
      await this.audit?.write(
        'update',
        [persistedKeyOf(record) ?? this.keyOf(record)],
        this.storedNames(changes),
      );
      await this.hooks.run('afterSave', updated);
      return updated;
    });
  }

  /** Updates every row matching `where` with validated `changes`; returns the updated records. */
  updateWhere(
    where: Filter<T>,
    changes: Partial<T>,
    options?: FullTableOptions,
  ): Promise<ManagedRecord<T>[]> {
    if (!this.audit) return this.updateWhereNow(where, changes, options);
    return this.withEffects(async () => {
      const records = await this.updateWhereNow(where, changes, options);
      await this.audit!.write(
        'update',
        records.map((r) => this.keyOf(r)),
        this.storedNames(changes),
      );
      return records;
    });
  }

  private get deleteEffects(): boolean {
    return (
      this.audit !== undefined || this.hooks.has('beforeDelete') || this.hooks.has('afterDelete')
    );
  }

  /**
   * Deletes the row with this key; `true` when a row was deleted. Soft-delete models set
   * `deletedAt` instead (restore() undoes it, hardDelete() removes the row). Delete hooks
   * receive the key.
   */
  delete(key: KeyValue): Promise<boolean> {
    if (!this.deleteEffects) return this.deleteNow(key);
    return this.withEffects(async () => {
      await this.hooks.run('beforeDelete', key);
      const deleted = await this.deleteNow(key);
      if (deleted) {
        await this.audit?.write('delete', [key], null);
        await this.hooks.run('afterDelete', key);
      }
      return deleted;
    });
  }

  /** Removes the row with this key for good, deleted or not; `true` when a row went away. */
  hardDelete(key: KeyValue): Promise<boolean> {
    if (!this.deleteEffects) return this.hardDeleteNow(key);
    return this.withEffects(async () => {
      await this.hooks.run('beforeDelete', key);
      const deleted = await this.hardDeleteNow(key);
      if (deleted) {
        await this.audit?.write('hardDelete', [key], null);
        await this.hooks.run('afterDelete', key);
      }
      return deleted;
    });
  }

  /** Soft-delete models: brings a deleted row back; `true` when one was restored. */
  restore(key: KeyValue): Promise<boolean> {
    if (!this.audit) return this.restoreNow(key);
    return this.withEffects(async () => {
      const restored = await this.restoreNow(key);
      if (restored) await this.audit!.write('restore', [key], null);
      return restored;
    });
  }

  /** Keys of the (live) rows matching `where`, for writes that report per row. */
  private async keysWhere(
    where: Filter<T>,
    options: FullTableOptions | undefined,
    operation: string,
    deleted = false,
  ): Promise<KeyValue[]> {
    const params = new SqlParams(this.dialect);
    let whereSql = this.whereClause(where, params, operation, {
      guard: options ?? null,
      includeDeleted: deleted,
    });
    if (deleted) {
      const column = this.dialect.quoteIdentifier(this.statements.deletedAtField!.column);
      whereSql = whereSql
        ? `${whereSql} AND ${column} IS NOT NULL`
        : ` WHERE ${column} IS NOT NULL`;
    }
    const keyColumn = this.statements.keyColumn;
    const rows = await this.query(
      operation,
      `SELECT ${this.dialect.quoteIdentifier(keyColumn)} FROM ${this.statements.table}${whereSql}`,
      params.values,
    );
    return rows.map((r) => this.dialect.fromDriver(this.keyField, r[keyColumn]) as KeyValue);
  }

  /** Deletes (soft-delete models: marks deleted) every row matching `where`; returns how many. */
  deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number> {
    if (!this.deleteEffects) return this.deleteWhereNow(where, options);
    return this.withEffects(async () => {
      let deleted = 0;
      for (const key of await this.keysWhere(where, options, 'deleteWhere'))
        if (await this.delete(key)) deleted++;
      return deleted;
    });
  }

  /** Validates every row, then inserts all of them in one transaction (or none). */
  bulkCreate(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    if (!this.effects) return this.bulkCreateNow(rows);
    return this.withEffects(async () => {
      const input = await this.hooks.run('beforeBulkCreate', rows);
      const records = await this.bulkCreateNow(input);
      await this.audit?.write(
        'create',
        records.map((r) => this.keyOf(r)),
        this.meta.fields.map((f) => f.property),
      );
      await this.hooks.run('afterBulkCreate', records);
      return records;
    });
  }

  /** Upserts every row (same resolution as upsert) in one transaction (or none). */
  bulkUpsert(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    if (!this.audit) return this.bulkUpsertNow(rows);
    return this.withEffects(async () => {
      const records = await this.bulkUpsertNow(rows);
      await this.audit!.write('upsert', [...new Set(records.map((r) => this.keyOf(r)))], null);
      return records;
    });
  }

  /** Deletes by a list of keys or by a `where`; returns how many rows were deleted. */
  bulkDelete(keysOrWhere: KeyValue[] | Filter<T>, options?: FullTableOptions): Promise<number> {
    if (!this.deleteEffects || !Array.isArray(keysOrWhere))
      return this.bulkDeleteNow(keysOrWhere, options);
    return this.withEffects(async () => {
      let deleted = 0;
      for (const key of keysOrWhere) if (await this.delete(key)) deleted++;
      return deleted;
    });
  }

  /** Soft-delete models: removes deleted rows for good (only those deleted before `before`, if given). */
  purgeDeleted(options: { before?: Date } = {}): Promise<number> {
    if (!this.audit) return this.purgeDeletedNow(options);
    return this.withEffects(async () => {
      this.requireSoftDelete('purgeDeleted');
      const keys = await this.keysWhere({}, { allowFullTable: true }, 'purgeDeleted', true);
      const purged = await this.purgeDeletedNow(options);
      // Rows deleted after `before` stay; report only those that are gone now.
      const left = new Set(
        (await this.keysWhere({}, { allowFullTable: true }, 'purgeDeleted', true)).map(String),
      );
      await this.audit!.write(
        'hardDelete',
        keys.filter((k) => !left.has(String(k))),
        null,
      );
      return purged;
    });
  }

  private async createNow(data: Partial<T>): Promise<ManagedRecord<T>> {
    if (this.tenantField) data = this.withTenant(data, 'create');
    const built = this.validator.build(data, { operation: 'create' });
    const record = built instanceof Promise ? await built : built;
    if (this.passwords.any) await this.passwords.hashInto(record as any);
    await this.seal([record], 'create');
    await this.insertOne(record, 'create');
    return record as ManagedRecord<T>;
  }

  /** Alias of create: validates strictly (unknown fields, types, rules) and inserts. */
  strictCreate(data: Partial<T>): Promise<ManagedRecord<T>> {
    return this.create(data);
  }

  private async upsertNow(data: Partial<T>): Promise<ManagedRecord<T>> {
    const operation = 'upsert';
    if (this.tenantField && this.tenant(operation)) {
      // A conflict may land on another tenant's row: check the result and roll back if so.
      return this.connection.transaction(async () => {
        const record = await this.upsertStatement(
          this.withTenant(this.plainInput(data), operation),
        );
        this.assertTenantOf(record, operation);
        return record;
      });
    }
    return this.upsertStatement(data);
  }

  private plainInput(data: unknown): any {
    return data !== null && typeof data === 'object' && (isPersisted(data) || !isPlainData(data))
      ? this.fieldValues(data)
      : data;
  }

  private async upsertStatement(data: Partial<T>): Promise<ManagedRecord<T>> {
    const operation = 'upsert';
    const input: any = this.plainInput(data);
    const conflict =
      input !== null && typeof input === 'object' ? this.conflictOf(input) : undefined;
    const built = this.validator.build(input, {
      operation,
      allowDatabaseKey: conflict?.[0] === this.keyField,
    });
    const record = built instanceof Promise ? await built : built;
    if (this.passwords.any) await this.passwords.hashInto(record as any);
    await this.seal([record], operation);
    if (!conflict) {
      await this.insertOne(record, operation);
      return record as ManagedRecord<T>;
    }
    await this.ready();
    const plan = this.upsertPlan(conflict, Object.keys(input));
    let rows: Row[];
    try {
      rows = await this.contained(() =>
        this.connection.query(plan.sql, this.paramsOf(record, plan.fields)),
      );
    } catch (error) {
      throw await this.normalize(error, operation);
    }
    return this.reveal(this.hydrate(rows[0]) as ManagedRecord<T>, operation);
  }

  private readonly upsertPlans = new Map<string, { sql: string; fields: FieldMetadata[] }>();

  /** The cached single-row upsert for a conflict target and the set of fields given. */
  private upsertPlan(
    conflict: FieldMetadata[],
    present: string[],
  ): { sql: string; fields: FieldMetadata[] } {
    const id = `${this.uniqueGroups.indexOf(conflict)}|${present.join(',')}`;
    let plan = this.upsertPlans.get(id);
    if (!plan) {
      const fields =
        conflict[0] === this.keyField ? this.meta.fields : this.statements.insertFields;
      const update = this.updatableOnConflict(fields, conflict, new Set(present));
      plan = { sql: this.statements.upsert(fields, conflict, update, 1), fields };
      this.upsertPlans.set(id, plan);
    }
    return plan;
  }

  /** Fields an upsert overwrites on conflict: those given, minus the key, conflict, createdAt and the tenant. */
  private updatableOnConflict(
    fields: FieldMetadata[],
    conflict: FieldMetadata[],
    present: Set<string>,
  ): FieldMetadata[] {
    if (this.meta.timestamps) present.add('updatedAt');
    // The tenant of a row never changes by upsert: a conflict with another tenant's row is then detected.
    return fields.filter(
      (f) =>
        present.has(f.property) &&
        !f.isKey &&
        !conflict.includes(f) &&
        f.property !== 'createdAt' &&
        f !== this.tenantField,
    );
  }

  private async saveNow(record: T): Promise<ManagedRecord<T>> {
    if (!record || typeof record !== 'object') {
      throw new InvalidQueryError(`${this.meta.name}.save needs a record`, this.context('save'));
    }
    if (this.tenantField && isPersisted(record)) this.assertTenantOf(record, 'save');
    if (!isPersisted(record)) {
      const created = await this.create(this.fieldValues(record));
      (record as any)[this.meta.key] = (created as any)[this.meta.key];
      markPersisted(record, (created as any)[this.meta.key]);
      return created;
    }
    const key = this.meta.key;
    const original = persistedKeyOf(record);
    if (!sameKey((record as any)[key], original)) {
      throw new ImmutableFieldError(
        `${this.meta.name}.${key} of a stored record cannot be changed`,
        {
          ...this.context('save'),
          fields: [key],
        },
      );
    }
    this.touch(record);
    await this.validator.checkRecord(record, { operation: 'save' });
    if (this.passwords.any) await this.passwords.hashInto(record as any);
    await this.seal([record], 'save');
    const params = this.paramsOf(record, this.statements.updateFields);
    params.push(this.dialect.toDriver(this.keyField, original));
    const result = await this.execute('save', this.statements.updateByKey, params);
    if (result.affected === 0) throw this.notFound('save', { key: original });
    return record as ManagedRecord<T>;
  }

  /** The stored fields of an object, for inserting a record that was built by hand. */
  private fieldValues(record: any): Partial<T> {
    const data: any = {};
    for (const key of Object.keys(record)) if (!isUnsafeKey(key)) data[key] = record[key];
    return data;
  }

  private async updateRecordNow(record: T, changes: Partial<T>): Promise<T> {
    const key = persistedKeyOf(record) ?? (record as any)[this.meta.key];
    if (this.tenantField) {
      this.assertTenantOf(record, 'update');
      changes = this.withTenant(changes, 'update');
    }
    const checked = await this.validator.checkChanges(changes, { operation: 'update' });
    if (this.passwords.any) await this.passwords.hashInto(checked);
    this.touch(checked);
    await this.seal([checked], 'update');
    const fields = Object.keys(checked)
      .map((p) => this.meta.fieldsByProperty.get(p))
      .filter(Boolean) as FieldMetadata[];
    if (fields.length) {
      const params = this.paramsOf(checked, fields);
      params.push(this.keyParam(key, 'update'));
      const result = await this.execute(
        'update',
        this.statements.updateFieldsByKey(fields),
        params,
      );
      if (result.affected === 0) throw this.notFound('update', { key });
    }
    Object.assign(record, checked);
    return record;
  }

  private async updateWhereNow(
    where: Filter<T>,
    changes: Partial<T>,
    options?: FullTableOptions,
  ): Promise<ManagedRecord<T>[]> {
    const operation = 'updateWhere';
    if (this.tenantField) changes = this.withTenant(changes, operation);
    const checked = await this.validator.checkChanges(changes, { operation });
    if (this.passwords.any) await this.passwords.hashInto(checked);
    if (Object.keys(checked).length === 0) {
      throw new InvalidQueryError(
        `${this.meta.name}.updateWhere needs at least one change`,
        this.context(operation),
      );
    }
    this.touch(checked);
    await this.seal([checked], operation);
    const fields = Object.keys(checked)
      .map((p) => this.meta.fieldsByProperty.get(p))
      .filter(Boolean) as FieldMetadata[];
    if (fields.length === 0) {
      throw new InvalidQueryError(
        `${this.meta.name}.updateWhere: no stored field among the changes`,
        this.context(operation),
      );
    }
    const q = (c: string) => this.dialect.quoteIdentifier(c);
    const params = new SqlParams(this.dialect);
    const set = fields
      .map(
        (f) =>
          `${q(f.column)} = ${params.add(this.dialect.toDriver(f, this.encrypted.bound(checked, f)))}`,
      )
      .join(', ');
    if (this.dialect.updateReturning) {
      const whereSql = this.whereClause(where, params, operation, { guard: options ?? null });
      const rows = await this.query(
        operation,
        `UPDATE ${this.statements.table} SET ${set}${whereSql} RETURNING ${this.statements.selectList}`,
        params.values,
        true,
      );
      return this.reveal(rows.map(this.hydrate) as ManagedRecord<T>[], operation);
    }
    // Without UPDATE … RETURNING: lock the matching keys, update them, read them back.
    const probe = new SqlParams(this.dialect);
    const whereSql = this.whereClause(where, probe, operation, { guard: options ?? null });
    return this.inTransaction(async () => {
      const keyCol = q(this.statements.keyColumn);
      const keyRows = await this.query(
        operation,
        `SELECT ${keyCol} FROM ${this.statements.table}${whereSql} FOR UPDATE`,
        probe.values,
      );
      if (keyRows.length === 0) return [];
      const keys = keyRows.map((r) => r[this.statements.keyColumn]);
      const records: ManagedRecord<T>[] = [];
      for (const chunk of chunked(keys, this.keysPerStatement(fields.length))) {
        const updateParams = new SqlParams(this.dialect);
        const chunkSet = fields
          .map(
            (f) =>
              `${q(f.column)} = ${updateParams.add(this.dialect.toDriver(f, this.encrypted.bound(checked, f)))}`,
          )
          .join(', ');
        const inList = chunk.map((k) => updateParams.add(k)).join(', ');
        await this.execute(
          operation,
          `UPDATE ${this.statements.table} SET ${chunkSet} WHERE ${keyCol} IN (${inList})`,
          updateParams.values,
        );
        const readParams = new SqlParams(this.dialect);
        const readList = chunk.map((k) => readParams.add(k)).join(', ');
        const rows = await this.query(
          operation,
          `${this.statements.selectFrom} WHERE ${keyCol} IN (${readList})`,
          readParams.values,
        );
        for (const row of rows) records.push(this.hydrate(row) as ManagedRecord<T>);
      }
      return this.reveal(records, operation);
    });
  }

  private keysPerStatement(reserved = 0): number {
    return Math.max(1, Math.min(1000, this.dialect.maxParameters - reserved));
  }

  private async deleteNow(key: KeyValue): Promise<boolean> {
    const param = this.keyParam(key, 'delete');
    if (this.tenantField)
      return (await this.deleteWhereNow({ [this.meta.key]: key } as Filter<T>)) > 0;
    const { softDeleteByKey, deletedAtField } = this.statements;
    const result = softDeleteByKey
      ? await this.execute('delete', softDeleteByKey, [
          this.dialect.toDriver(deletedAtField!, new Date()),
          param,
        ])
      : await this.execute('delete', this.statements.deleteByKey, [param]);
    return result.affected > 0;
  }

  private async hardDeleteNow(key: KeyValue): Promise<boolean> {
    if (this.tenantField) {
      this.keyParam(key, 'hardDelete');
      const params = new SqlParams(this.dialect);
      const whereSql = this.whereClause(
        { [this.meta.key]: key } as Filter<T>,
        params,
        'hardDelete',
        { includeDeleted: true },
      );
      return (
        (
          await this.execute(
            'hardDelete',
            `DELETE FROM ${this.statements.table}${whereSql}`,
            params.values,
          )
        ).affected > 0
      );
    }
    const result = await this.execute('hardDelete', this.statements.deleteByKey, [
      this.keyParam(key, 'hardDelete'),
    ]);
    return result.affected > 0;
  }

  private async restoreNow(key: KeyValue): Promise<boolean> {
    const sql = this.requireSoftDelete('restore').restoreByKey!;
    if (this.tenantField) {
      this.keyParam(key, 'restore');
      const column = this.dialect.quoteIdentifier(this.statements.deletedAtField!.column);
      const params = new SqlParams(this.dialect);
      const whereSql = this.whereClause({ [this.meta.key]: key } as Filter<T>, params, 'restore', {
        includeDeleted: true,
      });
      const restore = `UPDATE ${this.statements.table} SET ${column} = NULL${whereSql} AND ${column} IS NOT NULL`;
      return (await this.execute('restore', restore, params.values)).affected > 0;
    }
    const result = await this.execute('restore', sql, [this.keyParam(key, 'restore')]);
    return result.affected > 0;
  }

  private async purgeDeletedNow(options: { before?: Date } = {}): Promise<number> {
    const { deletedAtField } = this.requireSoftDelete('purgeDeleted');
    const q = (id: string) => this.dialect.quoteIdentifier(id);
    const column = q(deletedAtField!.column);
    const params = new SqlParams(this.dialect);
    let sql = `DELETE FROM ${this.statements.table} WHERE ${column} IS NOT NULL`;
    const tenant = this.tenant('purgeDeleted');
    if (tenant) {
      const field = this.tenantField!;
      sql += ` AND ${q(field.column)} = ${params.add(this.dialect.toDriver(field, tenant.value))}`;
    }
    if (options.before !== undefined) {
      if (!(options.before instanceof Date) || Number.isNaN(options.before.getTime())) {
        throw new InvalidQueryError(
          `${this.meta.name}.purgeDeleted: before must be a valid Date`,
          this.context('purgeDeleted'),
        );
      }
      sql += ` AND ${column} < ${params.add(this.dialect.toDriver(deletedAtField!, options.before))}`;
    }
    return (await this.execute('purgeDeleted', sql, params.values)).affected;
  }

  private requireSoftDelete(operation: string): ModelStatements {
    if (!this.meta.softDelete) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: the model does not use softDelete`,
        this.context(operation),
      );
    }
    return this.statements;
  }

  async deleteRecord(record: T): Promise<boolean> {
    const key = (persistedKeyOf(record) ?? (record as any)[this.meta.key]) as KeyValue;
    const deleted = await this.delete(key);
    forgetPersisted(record);
    return deleted;
  }

  private async deleteWhereNow(where: Filter<T>, options?: FullTableOptions): Promise<number> {
    const operation = 'deleteWhere';
    const params = new SqlParams(this.dialect);
    const { deletedAtField } = this.statements;
    const set = deletedAtField
      ? ` SET ${this.dialect.quoteIdentifier(deletedAtField.column)} = ${params.add(this.dialect.toDriver(deletedAtField, new Date()))}`
      : '';
    const whereSql = this.whereClause(where, params, operation, { guard: options ?? null });
    const sql = deletedAtField
      ? `UPDATE ${this.statements.table}${set}${whereSql}`
      : `DELETE FROM ${this.statements.table}${whereSql}`;
    return (await this.execute(operation, sql, params.values)).affected;
  }

  // ---------------------------------------------------------------- bulk

  private async bulkCreateNow(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    const operation = 'bulkCreate';
    this.assertRows(rows, operation);
    if (rows.length === 0) return [];
    if (this.tenantField) rows = rows.map((row) => this.withTenant(row, operation));
    const produce = (start: number, end: number): T[] | Promise<T[]> => {
      const chunk: T[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const built = this.validator.build(rows[i], { operation, rowIndex: i });
        if (built instanceof Promise) return this.produceAsync(rows, start, end, operation);
        chunk[i - start] = built;
      }
      if (!this.passwords.any && !this.encrypted.any) return chunk;
      return this.passwords
        .hashAll(chunk as any[])
        .then(() => this.seal(chunk, operation))
        .then(() => chunk);
    };
    return (await this.insertBatch(rows.length, produce, operation)) as ManagedRecord<T>[];
  }

  private async produceAsync(
    rows: Array<Partial<T>>,
    start: number,
    end: number,
    operation: string,
  ): Promise<T[]> {
    const chunk: T[] = [];
    for (let i = start; i < end; i++)
      chunk.push(await this.validator.build(rows[i], { operation, rowIndex: i }));
    await this.passwords.hashAll(chunk as any[]);
    await this.seal(chunk, operation);
    return chunk;
  }

  private async bulkUpsertNow(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    this.assertRows(rows, 'bulkUpsert');
    if (rows.length === 0) return [];
    return this.upsertMany(rows, 'bulkUpsert');
  }

  private async bulkDeleteNow(
    keysOrWhere: KeyValue[] | Filter<T>,
    options?: FullTableOptions,
  ): Promise<number> {
    if (!Array.isArray(keysOrWhere)) return this.deleteWhere(keysOrWhere, options);
    if (keysOrWhere.length === 0) return 0;
    if (this.tenantField) {
      keysOrWhere.forEach((key) => this.keyParam(key, 'bulkDelete'));
      return this.deleteWhereNow({ [`${this.meta.key}__in`]: keysOrWhere } as Filter<T>);
    }
    const params = keysOrWhere.map((key) => this.keyParam(key, 'bulkDelete'));
    const keyCol = this.dialect.quoteIdentifier(this.statements.keyColumn);
    return this.inTransaction(async () => {
      let deleted = 0;
      for (const chunk of chunked(params, this.keysPerStatement())) {
        const sqlParams = new SqlParams(this.dialect);
        const { deletedAtField } = this.statements;
        const head = deletedAtField
          ? `UPDATE ${this.statements.table} SET ${this.dialect.quoteIdentifier(deletedAtField.column)} = ${sqlParams.add(this.dialect.toDriver(deletedAtField, new Date()))}`
          : `DELETE FROM ${this.statements.table}`;
        const list = chunk.map((k) => sqlParams.add(k)).join(', ');
        const live = this.statements.live ? ` AND ${this.statements.live}` : '';
        const result = await this.execute(
          'bulkDelete',
          `${head} WHERE ${keyCol} IN (${list})${live}`,
          sqlParams.values,
        );
        deleted += result.affected;
      }
      return deleted;
    });
  }

  private assertRows(rows: unknown, operation: string): asserts rows is unknown[] {
    if (!Array.isArray(rows)) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation} needs an array of rows`,
        this.context(operation),
      );
    }
  }

  /** Inserts one validated record; sets its generated key. */
  private async insertOne(record: T, operation: string): Promise<void> {
    await this.ready();
    const params = this.paramsOf(record, this.statements.insertFields);
    let rows: Row[];
    try {
      rows = await this.contained(() => this.connection.query(this.statements.insert(1), params));
    } catch (error) {
      throw await this.normalize(error, operation);
    }
    this.assignKeys([record], rows, operation);
    markPersisted(record, (record as any)[this.meta.key]);
  }

  /** Copies database-generated keys onto the records of one INSERT … RETURNING. */
  private assignKeys(chunk: T[], rows: Row[], operation: string): void {
    if (!this.statements.generatedKey) return;
    if (rows.length !== chunk.length) {
      throw new SchemaError(
        `${this.meta.name}.${operation}: the database returned no generated keys`,
        this.context(operation),
      );
    }
    const keyColumn = this.statements.keyColumn;
    // Keys of one statement grow with insertion order; RETURNING order is not promised.
    const keys = rows.map((r) => this.dialect.fromDriver(this.keyField, r[keyColumn]) as number);
    if (keys.length > 1) keys.sort((a, b) => a - b);
    for (let i = 0; i < chunk.length; i++) (chunk[i] as any)[this.meta.key] = keys[i];
  }

  /**
   * Inserts `total` records in one (sub)transaction with multi-row statements under the
   * parameter limit. `produce` validates one chunk; it runs while the database works on
   * the previous chunk. On an integrity error everything is rolled back and the rows are
   * replayed (and rolled back again) to name the failing row in `rowIndex`.
   */
  private async insertBatch(
    total: number,
    produce: (start: number, end: number) => T[] | Promise<T[]>,
    operation: string,
    rowIndexOf: (position: number) => number = (position) => position,
  ): Promise<T[]> {
    await this.ready();
    const perStatement = this.statements.rowsPerStatement;
    const records: T[] = new Array(total);
    try {
      await this.connection.transaction(async () => {
        let inflight: InFlightChunk<T> | undefined;
        let start = 0;
        for (const size of chunkSizes(total, perStatement)) {
          const produced = produce(start, start + size);
          const chunk = produced instanceof Promise ? await produced : produced;
          for (let i = 0; i < chunk.length; i++) records[start + i] = chunk[i];
          if (inflight) await this.settle(inflight, operation);
          inflight = this.send(chunk, start);
          start += size;
        }
        if (inflight) await this.settle(inflight, operation);
      });
    } catch (error) {
      if (error instanceof ChunkFailure)
        throw await this.locateFailure(error, records, operation, rowIndexOf);
      throw error;
    }
    for (const record of records) markPersisted(record, (record as any)[this.meta.key]);
    return records;
  }

  /** Sends one chunk's INSERT now (no await before the driver call) and keeps its outcome. */
  private send(chunk: T[], start: number): InFlightChunk<T> {
    const params: unknown[] = [];
    for (const record of chunk) this.paramsOf(record, this.statements.insertFields, params);
    const outcome = this.connection.query(this.statements.insert(chunk.length), params).then(
      (rows) => ({ rows }),
      (error) => ({ error }),
    );
    return { chunk, start, outcome };
  }

  private async settle(inflight: InFlightChunk<T>, operation: string): Promise<void> {
    const outcome = await inflight.outcome;
    if ('error' in outcome)
      throw new ChunkFailure(outcome.error, inflight.start, inflight.start + inflight.chunk.length);
    this.assignKeys(inflight.chunk, outcome.rows, operation);
  }

  private async locateFailure(
    failure: ChunkFailure,
    records: T[],
    operation: string,
    rowIndexOf: (position: number) => number,
  ): Promise<Error> {
    const { error, start, end } = failure;
    if (error instanceof RegistryError || !this.dialect.classifyError(error))
      return this.normalize(error, operation);
    if (end - start === 1) return this.normalize(error, operation, rowIndexOf(start));
    let found: { position: number; error: unknown } | undefined;
    const perStatement = this.statements.rowsPerStatement;
    await this.connection
      .transaction(async () => {
        // The earlier chunks went with the rollback; write them again so cross-chunk duplicates show.
        for (const chunk of chunked(records.slice(0, start), perStatement)) {
          const params: unknown[] = [];
          for (const record of chunk) this.paramsOf(record, this.statements.insertFields, params);
          await this.connection.query(this.statements.insert(chunk.length), params);
        }
        const one = this.statements.insert(1);
        for (let i = start; i < end; i++) {
          try {
            await this.connection.query(
              one,
              this.paramsOf(records[i], this.statements.insertFields),
            );
          } catch (rowError) {
            found = { position: i, error: rowError };
            break;
          }
        }
        throw ROLLBACK_PROBE;
      })
      .catch(() => undefined);
    return found
      ? this.normalize(found.error, operation, rowIndexOf(found.position))
      : this.normalize(error, operation);
  }

  /** The conflict target of an upsert row: the key when given, else a unique group it fills. */
  private conflictOf(data: any): FieldMetadata[] | undefined {
    if (data[this.meta.key] != null) return [this.keyField];
    return this.uniqueGroups.find((group) => group.every((f) => data[f.property] != null));
  }

  private async upsertMany(
    rows: Array<Partial<T>>,
    operation: string,
  ): Promise<ManagedRecord<T>[]> {
    const prepared: Array<{ record: T; conflict?: FieldMetadata[]; present: string[] }> = [];
    for (let i = 0; i < rows.length; i++) {
      const data = rows[i] as any;
      let input = isPersisted(data) || !isPlainData(data) ? this.fieldValues(data) : data;
      if (this.tenantField) input = this.withTenant(input, operation);
      const conflict = input && typeof input === 'object' ? this.conflictOf(input) : undefined;
      const record = await this.validator.build(input, {
        operation,
        rowIndex: i,
        allowDatabaseKey: conflict?.[0] === this.keyField,
      });
      prepared.push({ record, conflict, present: Object.keys(input) });
    }
    await this.passwords.hashAll(prepared.map((p) => p.record as any));
    await this.seal(
      prepared.map((p) => p.record),
      operation,
    );
    const run = async () => {
      const results: ManagedRecord<T>[] = new Array(rows.length);
      // Rows without a conflict target are plain inserts.
      const inserts = prepared.map((p, i) => (p.conflict ? -1 : i)).filter((i) => i >= 0);
      if (inserts.length) {
        const records = inserts.map((i) => prepared[i].record);
        await this.insertBatch(
          records.length,
          (start, end) => records.slice(start, end),
          operation,
          (p) => inserts[p],
        );
        for (const i of inserts) results[i] = prepared[i].record as ManagedRecord<T>;
      }
      const groups = new Map<string, number[]>();
      prepared.forEach((p, i) => {
        if (!p.conflict) return;
        const signature = p.conflict.map((f) => f.property).join(',');
        groups.set(signature, [...(groups.get(signature) ?? []), i]);
      });
      for (const indexes of groups.values())
        await this.upsertGroup(prepared, indexes, results, operation);
      if (this.tenantField) for (const record of results) this.assertTenantOf(record, operation);
      return results;
    };
    try {
      return await this.inTransaction(run);
    } catch (error) {
      if (!(error instanceof ChunkFailure)) throw error;
      return Promise.reject(await this.locateUpsertFailure(error, prepared, operation));
    }
  }

  /** Replays the rows one statement each (rolled back) to name the row a failed upsert chunk tripped on. */
  private async locateUpsertFailure(
    failure: ChunkFailure,
    prepared: Array<{ record: T; conflict?: FieldMetadata[]; present: string[] }>,
    operation: string,
  ): Promise<Error> {
    if (failure.error instanceof RegistryError || !this.dialect.classifyError(failure.error)) {
      return this.normalize(failure.error, operation);
    }
    let found: { index: number; error: unknown } | undefined;
    await this.connection
      .transaction(async () => {
        for (let i = 0; i < prepared.length; i++) {
          const { record, conflict, present } = prepared[i];
          const plan = conflict
            ? this.upsertPlan(conflict, present)
            : { sql: this.statements.insert(1), fields: this.statements.insertFields };
          try {
            await this.connection.query(plan.sql, this.paramsOf(record, plan.fields));
          } catch (rowError) {
            found = { index: i, error: rowError };
            break;
          }
        }
        throw ROLLBACK_PROBE;
      })
      .catch(() => undefined);
    return found
      ? this.normalize(found.error, operation, found.index)
      : this.normalize(failure.error, operation);
  }

  private async upsertGroup(
    prepared: Array<{ record: T; conflict?: FieldMetadata[]; present: string[] }>,
    indexes: number[],
    results: ManagedRecord<T>[],
    operation: string,
  ): Promise<void> {
    await this.ready();
    const conflict = prepared[indexes[0]].conflict!;
    const byKey = conflict[0] === this.keyField;
    const fields = byKey ? this.meta.fields : this.statements.insertFields;
    const update = this.updatableOnConflict(
      fields,
      conflict,
      new Set(indexes.flatMap((i) => prepared[i].present)),
    );
    // One statement may not touch a conflict value twice: the last row per value wins.
    const signatureOf = (record: any) =>
      conflict.map((f) => String(this.dialect.toDriver(f, record[f.property]))).join('\u0000');
    const last = new Map<string, number>();
    for (const i of indexes) last.set(signatureOf(prepared[i].record), i);
    const unique = [...last.values()];
    const perStatement = Math.max(
      1,
      Math.min(1000, Math.floor(this.dialect.maxParameters / fields.length)),
    );
    const written = new Map<string, ManagedRecord<T>>();
    for (const chunk of chunked(unique, perStatement)) {
      const sql = this.statements.upsert(fields, conflict, update, chunk.length);
      const params: unknown[] = [];
      for (const i of chunk) this.paramsOf(prepared[i].record, fields, params);
      let rows: Row[];
      try {
        rows = await this.connection.query(sql, params);
      } catch (error) {
        if (chunk.length === 1) throw await this.normalize(error, operation, chunk[0]);
        throw new ChunkFailure(error, 0, chunk.length);
      }
      const hydrated = await this.reveal(
        rows.map((row) => this.hydrate(row) as ManagedRecord<T>),
        operation,
      );
      for (const record of hydrated) written.set(signatureOf(record), record);
    }
    for (const i of indexes) {
      const record = written.get(signatureOf(prepared[i].record));
      if (!record)
        throw new SchemaError(
          `${this.meta.name}.${operation}: the upserted row was not returned`,
          this.context(operation),
        );
      results[i] = record;
    }
  }

  // ---------------------------------------------------------------- reads

  /** The record with this key, or the first matching `where`; null when none. */
  async get(keyOrWhere: KeyValue | Filter<T>): Promise<ManagedRecord<T> | null> {
    return this.getFor(keyOrWhere, 'get');
  }

  private async getFor(
    keyOrWhere: KeyValue | Filter<T>,
    operation: string,
  ): Promise<ManagedRecord<T> | null> {
    if (isFilter(keyOrWhere)) {
      const params = new SqlParams(this.dialect);
      const whereSql = this.whereClause(keyOrWhere, params, operation);
      const rows = await this.query(
        operation,
        `${this.statements.selectFrom}${whereSql}${this.dialect.limitOffset(1)}`,
        params.values,
      );
      return rows.length ? this.reveal(this.hydrate(rows[0]) as ManagedRecord<T>, operation) : null;
    }
    const param = this.keyParam(keyOrWhere, operation);
    if (this.tenantField)
      return this.getFor({ [this.meta.key]: keyOrWhere } as Filter<T>, operation);
    const rows = await this.query(operation, this.statements.selectByKey, [param]);
    if (rows.length === 0) return null;
    const record = this.hydrate(rows[0]) as ManagedRecord<T>;
    return this.encrypted.any ? this.reveal(record, operation) : record;
  }

  /** Like get, but a missing record raises RecordNotFoundError. */
  async require(keyOrWhere: KeyValue | Filter<T>): Promise<ManagedRecord<T>> {
    const record = await this.getFor(keyOrWhere, 'require');
    if (record) return record;
    throw this.notFound(
      'require',
      isFilter(keyOrWhere)
        ? { fields: Object.keys(keyOrWhere).filter((k) => !isUnsafeKey(k)) }
        : { key: keyOrWhere },
    );
  }

  private notFound(
    operation: string,
    detail: { key?: unknown; fields?: string[] },
  ): RecordNotFoundError {
    const what =
      detail.key !== undefined
        ? ` with ${this.meta.key} ${String(detail.key)}`
        : ' matching the filter';
    return new RecordNotFoundError(
      `${this.meta.name}${what} not found`,
      this.context(operation, detail),
    );
  }

  /** Records matching `where` (all when omitted), with orderBy/limit/offset. */
  async filter(where?: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T>[]> {
    return this.findRecords('filter', where, options);
  }

  all(options?: FindOptions): Promise<ManagedRecord<T>[]> {
    return this.findRecords('all', undefined, options);
  }

  private async findRecords(
    operation: string,
    where: Filter<T> | undefined,
    options?: FindOptions,
    defaultOrder?: string | readonly string[],
  ): Promise<ManagedRecord<T>[]> {
    const params = new SqlParams(this.dialect);
    const whereSql = this.whereClause(where, params, operation, {
      includeDeleted: options?.includeDeleted === true,
    });
    const sql = `${this.statements.selectFrom}${whereSql}${this.tail(options, operation, defaultOrder)}`;
    const rows = await this.query(operation, sql, params.values);
    const records = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) records[i] = this.hydrate(rows[i]);
    return this.encrypted.any ? this.reveal(records, operation) : records;
  }

  async exists(where?: Filter<T>): Promise<boolean> {
    const params = new SqlParams(this.dialect);
    const whereSql = this.whereClause(where, params, 'exists');
    const rows = await this.query(
      'exists',
      `SELECT 1 AS ${this.dialect.quoteIdentifier('x')} FROM ${this.statements.table}${whereSql}${this.dialect.limitOffset(1)}`,
      params.values,
    );
    return rows.length > 0;
  }

  async count(where?: Filter<T>): Promise<number> {
    const params = new SqlParams(this.dialect);
    const whereSql = this.whereClause(where, params, 'count');
    const rows = await this.query(
      'count',
      `${this.statements.countFrom}${whereSql}`,
      params.values,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The first record by `orderBy` (default: the key), or null. */
  async first(where?: Filter<T>, options: FindOptions = {}): Promise<ManagedRecord<T> | null> {
    const [record] = await this.findRecords(
      'first',
      where,
      { ...options, limit: 1 },
      this.meta.key,
    );
    return record ?? null;
  }

  /** The last record by `orderBy` (default: the key): first() of the reversed order. */
  async last(where?: Filter<T>, options: FindOptions = {}): Promise<ManagedRecord<T> | null> {
    const orderBy = reverseOrder(options.orderBy ?? this.meta.key);
    const [record] = await this.findRecords('last', where, { ...options, orderBy, limit: 1 });
    return record ?? null;
  }

  /** Reloads a record's fields from its row, in place; returns the record. */
  async refresh(record: T): Promise<ManagedRecord<T>> {
    const key = persistedKeyOf(record) ?? (record as any)[this.meta.key];
    const fresh = await this.getFor(key as KeyValue, 'refresh');
    if (!fresh) throw this.notFound('refresh', { key });
    for (const field of this.meta.fields)
      (record as any)[field.property] = (fresh as any)[field.property];
    markPersisted(record, key);
    return (
      Object.getPrototypeOf(record) === this.recordClass.prototype ? record : fresh
    ) as ManagedRecord<T>;
  }

  // ---------------------------------------------------------------- shapes

  /** Records that do not match `where` (SQL NULL rules: a NULL column matches neither side). */
  exclude(where: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T>[]> {
    if (!isFilter(where)) {
      throw new InvalidQueryError(
        `${this.meta.name}.exclude: where must be an object`,
        this.context('exclude'),
      );
    }
    return this.findRecords('exclude', Q.not(where), options);
  }

  private projected(fields: unknown, operation: string): FieldMetadata[] {
    const list = typeof fields === 'string' ? [fields] : fields;
    if (!Array.isArray(list) || list.length === 0) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation} needs at least one field`,
        this.context(operation),
      );
    }
    return list.map((property) => {
      const field =
        typeof property === 'string' && !isUnsafeKey(property)
          ? this.meta.fieldsByProperty.get(property)
          : undefined;
      if (!field) {
        throw new InvalidQueryError(
          `${this.meta.name}.${operation}: unknown field "${String(property)}"`,
          {
            ...this.context(operation),
            field: String(property),
          },
        );
      }
      return field;
    });
  }

  /** Plain objects with exactly the requested fields, for the rows matching `where`. */
  async select<K extends keyof T & string>(
    fields: K[],
    where?: Filter<T>,
    options?: FindOptions,
  ): Promise<Array<Pick<T, K>>> {
    const operation = 'select';
    const chosen = this.projected(fields, operation);
    const params = new SqlParams(this.dialect);
    const whereSql = this.whereClause(where, params, operation, {
      includeDeleted: options?.includeDeleted === true,
    });
    const columns = chosen.map((f) => this.dialect.quoteIdentifier(f.column)).join(', ');
    const rows = await this.query(
      operation,
      `SELECT ${columns} FROM ${this.statements.table}${whereSql}${this.tail(options, operation)}`,
      params.values,
    );
    const out = rows.map((row) => {
      const item: any = {};
      for (const field of chosen)
        item[field.property] = this.dialect.fromDriver(field, row[field.column]);
      return item;
    });
    return chosen.some((f) => f.encrypted) ? this.reveal(out, operation) : out;
  }

  /** The values of one field for the rows matching `where`. */
  async valuesList<K extends keyof T & string>(
    field: K,
    where?: Filter<T>,
    options?: FindOptions,
  ): Promise<Array<T[K]>> {
    const rows = await this.select([field], where, options);
    return rows.map((row) => row[field]);
  }

  /** `{ [value]: count }` grouped by one field (NULL groups under the key `null`). */
  async countBy<K extends keyof T & string>(
    field: K,
    where?: Filter<T>,
  ): Promise<Record<string, number>> {
    const operation = 'countBy';
    const [chosen] = this.projected([field], operation);
    const q = (id: string) => this.dialect.quoteIdentifier(id);
    const params = new SqlParams(this.dialect);
    const whereSql = this.whereClause(where, params, operation);
    const column = q(chosen.column);
    const rows = await this.query(
      operation,
      `SELECT ${column} AS ${q('k')}, COUNT(*) AS ${q('n')} FROM ${this.statements.table}${whereSql} GROUP BY ${column}`,
      params.values,
    );
    const counts: Record<string, number> = {};
    for (const row of rows) {
      const value = this.dialect.fromDriver(chosen, row.k);
      const key = value instanceof Date ? value.toISOString() : String(value);
      // defineProperty: a stored value such as "__proto__" stays a plain key.
      const before = Object.prototype.hasOwnProperty.call(counts, key) ? counts[key] : 0;
      Object.defineProperty(counts, key, {
        value: before + Number(row.n),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return counts;
  }

  /**
   * One aggregate (`Agg.sum('total')`) → its value, or labelled aggregates
   * (`{ total: Agg.sum('total'), n: Agg.count() }`) → an object of values. Numbers are JS
   * numbers on every dialect; an empty set gives null (0 for counts).
   */
  async aggregate(spec: AggregateSpec<T>, where?: Filter<T>): Promise<any> {
    const operation = 'aggregate';
    const single = isAggregate(spec);
    const entries: Array<[string, AggregateDescriptor]> = single
      ? [['value', spec as AggregateDescriptor]]
      : spec !== null && typeof spec === 'object' && !Array.isArray(spec)
        ? Object.entries(spec as Record<string, AggregateDescriptor>)
        : [];
    if (
      entries.length === 0 ||
      entries.some(([label, agg]) => isUnsafeKey(label) || !isAggregate(agg))
    ) {
      throw new InvalidQueryError(
        `${this.meta.name}.aggregate takes Agg.count/sum/avg/min/max(...) or { label: Agg… }`,
        this.context(operation),
      );
    }
    const params = new SqlParams(this.dialect);
    const q = (id: string) => this.dialect.quoteIdentifier(id);
    let expressions: string;
    try {
      expressions = entries
        .map(
          ([, agg], i) =>
            `${compileAggregate(this.meta, agg, this.dialect, params)} AS ${q(`a${i}`)}`,
        )
        .join(', ');
    } catch (error) {
      throw this.withOperation(error, operation);
    }
    const whereSql = this.whereClause(where, params, operation);
    const [row] = await this.query(
      operation,
      `SELECT ${expressions} FROM ${this.statements.table}${whereSql}`,
      params.values,
    );
    const values = entries.map(([, agg], i) => {
      const value = aggregateResult(this.meta, agg, row?.[`a${i}`]);
      const field = aggregateField(this.meta, agg);
      return field && (field.type === 'date' || field.type === 'datetime') && value !== null
        ? this.dialect.fromDriver(field, value)
        : value;
    });
    if (single) return values[0];
    const out: Record<string, unknown> = {};
    entries.forEach(([label], i) => (out[label] = values[i]));
    return out;
  }

  /**
   * Keyset pagination: `orderBy` (default the key; the key is added as the last tiebreak),
   * `limit` (default 20) and the `cursor` of the previous page. Order fields must be
   * non-nullable so the cursor comparison is exact.
   */
  async paginate(request: PageRequest<T> = {}): Promise<Page<ManagedRecord<T>>> {
    const operation = 'paginate';
    const limit = request.limit ?? 20;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new InvalidQueryError(
        `${this.meta.name}.paginate: limit must be a positive integer`,
        this.context(operation),
      );
    }
    const order =
      request.orderBy === undefined
        ? []
        : typeof request.orderBy === 'string'
          ? [request.orderBy]
          : [...request.orderBy];
    const terms = order.map((entry) => ({
      property: String(entry).replace(/^-/, ''),
      descending: String(entry).startsWith('-'),
    }));
    if (!terms.some((t) => t.property === this.meta.key))
      terms.push({ property: this.meta.key, descending: false });
    for (const term of terms) {
      const field = isUnsafeKey(term.property)
        ? undefined
        : this.meta.fieldsByProperty.get(term.property);
      if (field?.nullable) {
        throw new InvalidQueryError(
          `${this.meta.name}.paginate: order field "${term.property}" may be null`,
          {
            ...this.context(operation),
            field: term.property,
          },
        );
      }
    }
    const orderBy = terms.map((t) => (t.descending ? `-${t.property}` : t.property));
    let filter: Filter<T> | undefined = request.where;
    if (request.cursor !== undefined && request.cursor !== null) {
      const values = decodeCursor(request.cursor, terms.length);
      if (!values)
        throw new InvalidQueryError(
          `${this.meta.name}.paginate: invalid cursor`,
          this.context(operation),
        );
      const after = Q.or(
        ...terms.map((term, i) => {
          const where: Record<string, unknown> = {};
          for (let j = 0; j < i; j++) where[terms[j].property] = values[j];
          where[`${term.property}__${term.descending ? 'lt' : 'gt'}`] = values[i];
          return Q(where as any);
        }),
      );
      filter = filter === undefined ? after : Q.and(filter, after);
    }
    const rows = await this.findRecords(operation, filter, { orderBy, limit: limit + 1 });
    const hasNext = rows.length > limit;
    const items = hasNext ? rows.slice(0, limit) : rows;
    const last: any = items[items.length - 1];
    const nextCursor =
      hasNext && last
        ? encodeCursor(
            terms.map((t) =>
              last[t.property] instanceof Date ? last[t.property].toISOString() : last[t.property],
            ),
          )
        : null;
    return { items, nextCursor, hasNext };
  }

  // ---------------------------------------------------------------- raw SQL

  private rawStatement(operation: string, sql: string, params?: Record<string, unknown>) {
    try {
      const compiled = compileRawSql(this.dialect, sql, params ?? {});
      if (this.dialect.name === 'sqlite') {
        compiled.values = compiled.values.map((v) => (v instanceof Date ? v.toISOString() : v));
      }
      return compiled;
    } catch (error) {
      if (!(error instanceof RawSqlRefusal)) throw error;
      throw new InvalidQueryError(`${this.meta.name}.${operation}: ${error.reason}`, {
        ...this.context(operation),
        ...(error.parameter ? { field: error.parameter } : {}),
      });
    }
  }

  /** Runs a SELECT with `:named` parameters and hydrates the rows as records of this model. */
  async raw(sql: string, params?: Record<string, unknown>): Promise<ManagedRecord<T>[]> {
    const { sql: text, values } = this.rawStatement('raw', sql, params);
    const rows = await this.query('raw', text, values);
    return this.reveal(
      rows.map((row) => this.hydrate(row) as ManagedRecord<T>),
      'raw',
    );
  }

  /** Runs a SELECT with `:named` parameters and returns the driver's rows as plain objects. */
  async rawDicts(
    sql: string,
    params?: Record<string, unknown>,
  ): Promise<Record<string, unknown>[]> {
    const { sql: text, values } = this.rawStatement('rawDicts', sql, params);
    return this.query('rawDicts', text, values);
  }

  /** Runs a write statement with `:named` parameters; returns the number of rows it changed. */
  async executeRaw(sql: string, params?: Record<string, unknown>): Promise<number> {
    const { sql: text, values } = this.rawStatement('executeRaw', sql, params);
    return (await this.execute('executeRaw', text, values)).affected;
  }

  // ---------------------------------------------------------------- idempotent writes

  /** The key or one unique group, exactly, with values; anything else is refused. */
  private checkLookup(lookup: unknown, operation: string): Record<string, unknown> {
    if (!isFilter(lookup) || !isPlainData(lookup)) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: lookup must be an object`,
        this.context(operation),
      );
    }
    const own = Object.keys(lookup);
    const bad = own.find(isUnsafeKey);
    if (bad)
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: '${bad}' is not allowed`,
        this.context(operation, { field: bad }),
      );
    // Inside a tenantScope the tenant field is implied (unique groups usually include it).
    const tenantProperty =
      this.tenantField && this.tenant(operation) ? this.tenantField.property : undefined;
    const withTenant =
      tenantProperty && !own.includes(tenantProperty) ? [...own, tenantProperty] : own;
    const sameSet = (keys: string[], group: string[]) =>
      group.length === keys.length && group.every((p) => keys.includes(p));
    const matches = (group: string[]) => sameSet(own, group) || sameSet(withTenant, group);
    if (!sameSet(own, [this.meta.key]) && !this.meta.unique.some(matches)) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: lookup must be the key or a unique field set (${[[this.meta.key], ...this.meta.unique].map((g) => g.join('+')).join(', ')})`,
        this.context(operation, { fields: own }),
      );
    }
    const missing = own.find((k) => (lookup as any)[k] == null);
    if (missing) {
      throw new InvalidQueryError(
        `${this.meta.name}.${operation}: lookup value of ${missing} is missing`,
        this.context(operation, { field: missing }),
      );
    }
    return lookup as Record<string, unknown>;
  }

  private async createFor(
    data: Record<string, unknown>,
    lookup: Record<string, unknown>,
    operation: string,
  ): Promise<ManagedRecord<T>> {
    // Only a database-generated key given as the lookup needs the explicit-key insert.
    if (!(this.meta.key in lookup) || this.keyField.idStrategy !== 'autoincrement')
      return this.create(data as Partial<T>);
    await this.ready();
    const record = await this.validator.build(data, { operation, allowDatabaseKey: true });
    if (this.passwords.any) await this.passwords.hashInto(record as any);
    await this.seal([record], operation);
    const fields = this.meta.fields;
    try {
      await this.connection.query(
        this.dialect.insertSql(
          this.meta.table,
          fields.map((f) => f.column),
          1,
        ),
        this.paramsOf(record, fields),
      );
    } catch (error) {
      throw await this.normalize(error, operation);
    }
    markPersisted(record, (record as any)[this.meta.key]);
    await this.audit?.write('create', [this.keyOf(record)], this.storedNames(record));
    return record as ManagedRecord<T>;
  }

  /** The record matching `lookup`, or a new one from lookup + defaults: `[record, created]`. */
  async getOrCreate(args: LookupArgs<T>): Promise<[ManagedRecord<T>, boolean]> {
    const operation = 'getOrCreate';
    const lookup = this.checkLookup(args?.lookup, operation);
    const existing = await this.getFor(lookup as Filter<T>, operation);
    if (existing) return [existing, false];
    try {
      return [
        await this.contained(() =>
          this.createFor({ ...(args.defaults ?? {}), ...lookup }, lookup, operation),
        ),
        true,
      ];
    } catch (error) {
      // Another flow created it between the read and the insert.
      if (!(error instanceof UniqueConstraintError || error instanceof DuplicateKeyError))
        throw error;
      const winner = await this.getFor(lookup as Filter<T>, operation);
      if (!winner) throw error;
      return [winner, false];
    }
  }

  /** Updates the record matching `lookup` with `defaults`, or creates it: `[record, created]`. */
  async updateOrCreate(args: LookupArgs<T>): Promise<[ManagedRecord<T>, boolean]> {
    const operation = 'updateOrCreate';
    const lookup = this.checkLookup(args?.lookup, operation);
    const defaults = { ...(args.defaults ?? {}) } as Record<string, unknown>;
    for (const key of Object.keys(lookup)) delete defaults[key];
    const update = async (record: ManagedRecord<T>): Promise<[ManagedRecord<T>, boolean]> => {
      if (Object.keys(defaults).length) await this.updateRecord(record, defaults as Partial<T>);
      return [record, false];
    };
    const existing = await this.getFor(lookup as Filter<T>, operation);
    if (existing) return update(existing);
    try {
      return [
        await this.contained(() => this.createFor({ ...defaults, ...lookup }, lookup, operation)),
        true,
      ];
    } catch (error) {
      if (!(error instanceof UniqueConstraintError || error instanceof DuplicateKeyError))
        throw error;
      const winner = await this.getFor(lookup as Filter<T>, operation);
      if (!winner) throw error;
      return update(winner);
    }
  }

  // ---------------------------------------------------------------- lifecycle and schema

  /** Runs `fn` in a transaction of this model's connection (joined by every manager on it). */
  transaction<R>(fn: () => Promise<R> | R): Promise<R> {
    return this.connection.transaction(fn);
  }

  createSchema() {
    return this.schema.createSchema();
  }

  schemaExists() {
    return this.schema.schemaExists();
  }

  truncate() {
    return this.schema.truncate();
  }

  dropSchema() {
    return this.schema.dropSchema();
  }

  ensureColumn(...args: Parameters<ModelSchema<T>['ensureColumn']>) {
    return this.schema.ensureColumn(...args);
  }

  addColumn(...args: Parameters<ModelSchema<T>['addColumn']>) {
    return this.schema.addColumn(...args);
  }

  renameTable(...args: Parameters<ModelSchema<T>['renameTable']>) {
    return this.schema.renameTable(...args);
  }

  columnNames() {
    return this.schema.columnNames();
  }

  schemaDiff() {
    return this.schema.schemaDiff();
  }

  /** Additive migration of this model's table (`dryRun` only reports). */
  migrate(...args: Parameters<ModelSchema<T>['migrate']>) {
    return this.schema.migrate(...args);
  }

  /** Closes the model's connection (shared with the other models of its registry). */
  async dispose(): Promise<void> {
    await this.connection.close();
  }
}

function isPlainData(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function sameKey(a: unknown, b: unknown): boolean {
  return a === b || (a != null && b != null && String(a) === String(b) && typeof a === typeof b);
}
