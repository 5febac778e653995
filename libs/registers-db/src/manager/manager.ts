import type { DatabaseConnection } from '../connection/database-connection';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import type { Filter } from '../query/query-node';
import type { ManagedRecord } from '../records/record-methods.interface';
import { forgetPersisted, persistedKeyOf } from '../records/record-state';
import type { ModelSchema } from '../schema/model-schema';
import type { FieldCipher } from '../security/encryption';
import { ManagerReads } from './manager-reads';
import type { FullTableOptions, KeyValue, LookupArgs } from './manager-options.interface';
import type { ModelSubscriberLike } from './model-hooks';
import { BatchInserter } from './operations/batch-inserter';
import { BulkUpserts } from './operations/bulk-upserts';
import { BulkWrites } from './operations/bulk-writes';
import { HookedWrites } from './operations/hooked-writes';
import { IdempotentWrites } from './operations/idempotent-writes';
import { KeyDeletes } from './operations/key-deletes';
import { RecordWrites } from './operations/record-writes';
import { WhereWrites } from './operations/where-writes';

/**
 * The async data-access surface of one registered model. SQL is built once per model and
 * statement shape; every call goes through the connection, so inside
 * `registry.transaction(fn)` it joins that transaction. Records are instances of the model.
 *
 * The reads (get, filter, select, aggregate, paginate, raw, …) are in ManagerReads; this
 * class adds the writes. The methods delegate to the operations under `operations/`, which
 * share one model context (see context/model-context.ts).
 */
export class Manager<T extends object> extends ManagerReads<T> {
  private readonly writes: HookedWrites<T>;
  private readonly idempotent: IdempotentWrites<T>;

  constructor(meta: ModelMetadata<T>, connection: DatabaseConnection, schema: ModelSchema<T>) {
    super(meta, connection, schema);
    const { ctx } = this;
    const whereWrites = new WhereWrites(ctx);
    const recordWrites = new RecordWrites(ctx, this);
    const inserter = new BatchInserter(ctx);
    const bulk = new BulkWrites(ctx, inserter, new BulkUpserts(ctx, inserter), whereWrites, this);
    this.writes = new HookedWrites(
      ctx,
      recordWrites,
      new KeyDeletes(ctx, whereWrites),
      whereWrites,
      bulk,
    );
    this.idempotent = new IdempotentWrites(ctx, this.reads, recordWrites, this);
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Adds an object whose hook methods (`beforeCreate`, `afterSave`, …) run after the
   * model's static hooks, in the write's transaction (how DI-aware subscribers are wired).
   * Returns the function that removes it.
   */
  subscribe(subscriber: ModelSubscriberLike): () => void {
    return this.ctx.model.hooks.subscribe(subscriber);
  }

  /**
   * Sets the cipher of the model's `encrypted` fields (without one, the manager reads a
   * base64 key from REGISTERS_ENCRYPTION_KEY at first use).
   */
  useFieldCipher(cipher: FieldCipher): this {
    this.ctx.model.encrypted.use(cipher);
    return this;
  }

  // ---------------------------------------------------------------- writes

  /** Validates `data` and inserts one record; returns it with its key. */
  create(data: Partial<T>): Promise<ManagedRecord<T>> {
    return this.writes.create(data);
  }

  /** Alias of create: validates strictly (unknown fields, types, rules) and inserts. */
  strictCreate(data: Partial<T>): Promise<ManagedRecord<T>> {
    return this.writes.create(data);
  }

  /**
   * Inserts or updates in one atomic statement: on the key when the data has one, else
   * on the first unique group the data fills, else a plain insert. On a conflict only
   * the fields present in the data are updated.
   */
  upsert(data: Partial<T>): Promise<ManagedRecord<T>> {
    return this.writes.upsert(data);
  }

  /** Writes a record: an update by key when it came from the database, else an insert. */
  save(record: T): Promise<ManagedRecord<T>> {
    return this.writes.save(record);
  }

  /** Validates and writes `changes` to the record's row, then applies them to the record. */
  updateRecord(record: T, changes: Partial<T>): Promise<T> {
    return this.writes.updateRecord(record, changes);
  }

  /** Updates every row matching `where` with validated `changes`; returns the updated records. */
  updateWhere(
    where: Filter<T>,
    changes: Partial<T>,
    options?: FullTableOptions,
  ): Promise<ManagedRecord<T>[]> {
    return this.writes.updateWhere(where, changes, options);
  }

  /**
   * Deletes the row with this key; `true` when a row was deleted. Soft-delete models set
   * `deletedAt` instead (restore() undoes it, hardDelete() removes the row). Delete hooks
   * receive the key.
   */
  delete(key: KeyValue): Promise<boolean> {
    return this.writes.delete(key);
  }

  /** Removes the row with this key for good, deleted or not; `true` when a row went away. */
  hardDelete(key: KeyValue): Promise<boolean> {
    return this.writes.hardDelete(key);
  }

  /** Soft-delete models: brings a deleted row back; `true` when one was restored. */
  restore(key: KeyValue): Promise<boolean> {
    return this.writes.restore(key);
  }

  /** Deletes (soft-delete models: marks deleted) every row matching `where`; returns how many. */
  deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number> {
    return this.writes.deleteWhere(where, options);
  }

  /** Deletes a record's row (by the key it was read with) and marks the record unsaved. */
  async deleteRecord(record: T): Promise<boolean> {
    const key = (persistedKeyOf(record) ?? (record as any)[this.meta.key]) as KeyValue;
    const deleted = await this.writes.delete(key);
    forgetPersisted(record);
    return deleted;
  }

  /** Soft-delete models: removes deleted rows for good (only those deleted before `before`, if given). */
  purgeDeleted(options: { before?: Date } = {}): Promise<number> {
    return this.writes.purgeDeleted(options);
  }

  // ---------------------------------------------------------------- bulk

  /** Validates every row, then inserts all of them in one transaction (or none). */
  bulkCreate(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    return this.writes.bulkCreate(rows);
  }

  /** Upserts every row (same resolution as upsert) in one transaction (or none). */
  bulkUpsert(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    return this.writes.bulkUpsert(rows);
  }

  /** Deletes by a list of keys or by a `where`; returns how many rows were deleted. */
  bulkDelete(keysOrWhere: KeyValue[] | Filter<T>, options?: FullTableOptions): Promise<number> {
    return this.writes.bulkDelete(keysOrWhere, options);
  }

  // ---------------------------------------------------------------- idempotent writes

  /** The record matching `lookup`, or a new one from lookup + defaults: `[record, created]`. */
  getOrCreate(args: LookupArgs<T>): Promise<[ManagedRecord<T>, boolean]> {
    return this.idempotent.getOrCreate(args);
  }

  /** Updates the record matching `lookup` with `defaults`, or creates it: `[record, created]`. */
  updateOrCreate(args: LookupArgs<T>): Promise<[ManagedRecord<T>, boolean]> {
    return this.idempotent.updateOrCreate(args);
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
