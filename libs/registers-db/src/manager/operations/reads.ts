import type { ImmediateStatements } from '../../dialects/base/driver-session.interface';
import { SqlParams } from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { markPersisted, persistedKeyOf } from '../../records/record-state';
import { isUnsafeKey } from '../../validation/unsafe-keys';
import { isFilter } from '../context/input-shapes';
import { ModelOperation } from '../context/model-operation';
import type { FindOptions, KeyValue } from '../manager-options.interface';
import { reverseOrder } from '../order-by';

/** Reads that return records, a count or a yes/no. */
export class Reads<T extends object> extends ModelOperation<T> {
  /** first(): one row, ordered by the key unless told otherwise. */
  private readonly firstDefaults: { limit: 1 } = { limit: 1 };

  /** The record with this key, or the first matching `where`; null when none. */
  get(keyOrWhere: KeyValue | Filter<T>, operation: string): Promise<ManagedRecord<T> | null> {
    const now = this.keyReadNow(keyOrWhere);
    if (!now) return this.getLater(keyOrWhere, operation);
    try {
      return Promise.resolve(this.recordByKeyNow(now, keyOrWhere as KeyValue, operation));
    } catch (error) {
      return this.run.rejected(error, operation);
    }
  }

  /** Like get, but a missing record raises RecordNotFoundError. */
  require(keyOrWhere: KeyValue | Filter<T>): Promise<ManagedRecord<T>> {
    const now = this.keyReadNow(keyOrWhere);
    if (!now) return this.requireLater(keyOrWhere);
    try {
      const record = this.recordByKeyNow(now, keyOrWhere as KeyValue, 'require');
      if (record) return Promise.resolve(record);
      throw this.notFound(keyOrWhere);
    } catch (error) {
      return this.run.rejected(error, 'require');
    }
  }

  /** Synchronous statements for a plain read by key, when the driver can run it now. */
  private keyReadNow(keyOrWhere: KeyValue | Filter<T>): ImmediateStatements | undefined {
    const { model, run } = this;
    if (isFilter(keyOrWhere) || model.tenancy.field || model.encrypted.any) return undefined;
    return run.immediate();
  }

  private recordByKeyNow(
    now: ImmediateStatements,
    key: KeyValue,
    operation: string,
  ): ManagedRecord<T> | null {
    const { model, table } = this;
    const row = now.queryOneNow(table.statements.selectByKey, [model.keyParam(key, operation)]);
    return row === undefined ? null : (model.hydrate(row) as ManagedRecord<T>);
  }

  private async getLater(
    keyOrWhere: KeyValue | Filter<T>,
    operation: string,
  ): Promise<ManagedRecord<T> | null> {
    const { model, table, run, filters } = this;
    let row: Record<string, unknown> | undefined;
    if (isFilter(keyOrWhere)) {
      const params = new SqlParams(model.dialect);
      const whereSql = filters.where(keyOrWhere, params, operation);
      row = await run.queryOne(
        operation,
        `${table.statements.selectFrom}${whereSql}${model.dialect.limitOffset(1)}`,
        params.values,
      );
    } else {
      const param = model.keyParam(keyOrWhere, operation);
      if (model.tenancy.field)
        return this.getLater({ [model.meta.key]: keyOrWhere } as Filter<T>, operation);
      row = await run.queryOne(operation, table.statements.selectByKey, [param]);
    }
    if (row === undefined) return null;
    const record = model.hydrate(row) as ManagedRecord<T>;
    return model.encrypted.any ? model.reveal(record, operation) : record;
  }

  private async requireLater(keyOrWhere: KeyValue | Filter<T>): Promise<ManagedRecord<T>> {
    const record = await this.getLater(keyOrWhere, 'require');
    if (record) return record;
    throw this.notFound(keyOrWhere);
  }

  private notFound(keyOrWhere: KeyValue | Filter<T>): Error {
    return this.model.notFound(
      'require',
      isFilter(keyOrWhere)
        ? { fields: Object.keys(keyOrWhere).filter((k) => !isUnsafeKey(k)) }
        : { key: keyOrWhere },
    );
  }

  /** Records matching `where` (all when omitted), with orderBy/limit/offset. */
  async find(
    operation: string,
    where: Filter<T> | undefined,
    options?: FindOptions,
    defaultOrder?: string | readonly string[],
  ): Promise<ManagedRecord<T>[]> {
    const { model, run } = this;
    const { sql, values } = this.selectSql(operation, where, options, defaultOrder);
    // Rows as arrays: the select list is every field in field order (ModelStatements).
    const rows = await run.queryArrays(operation, sql, values);
    const hydrate = model.hydrateArray;
    // Each record replaces its row in the driver's fresh array, so a row is garbage as soon
    // as it is read: a young-generation collection during the loop then copies only records.
    const records = rows as unknown as ManagedRecord<T>[];
    for (let i = 0; i < rows.length; i++) records[i] = hydrate(rows[i]) as ManagedRecord<T>;
    return model.encrypted.any ? model.reveal(records, operation) : records;
  }

  /** The one record the options select (their limit is 1), or null. */
  private async findOne(
    operation: string,
    where: Filter<T> | undefined,
    options: FindOptions,
    defaultOrder?: string | readonly string[],
  ): Promise<ManagedRecord<T> | null> {
    const { model, run } = this;
    const { sql, values } = this.selectSql(operation, where, options, defaultOrder);
    const row = await run.queryOne(operation, sql, values);
    if (row === undefined) return null;
    const record = model.hydrate(row) as ManagedRecord<T>;
    return model.encrypted.any ? model.reveal(record, operation) : record;
  }

  /** The SELECT of records matching `where` with find options. */
  private selectSql(
    operation: string,
    where: Filter<T> | undefined,
    options: FindOptions | undefined,
    defaultOrder: string | readonly string[] | undefined,
  ): { sql: string; values: unknown[] } {
    const { model, table, filters } = this;
    const params = new SqlParams(model.dialect);
    const whereSql = filters.where(where, params, operation, {
      includeDeleted: options?.includeDeleted === true,
    });
    const tail = filters.tail(options, operation, defaultOrder);
    return { sql: `${table.statements.selectFrom}${whereSql}${tail}`, values: params.values };
  }

  async exists(where?: Filter<T>): Promise<boolean> {
    const { model, table, run, filters } = this;
    const params = new SqlParams(model.dialect);
    const whereSql = filters.where(where, params, 'exists');
    const row = await run.queryOne(
      'exists',
      `${table.statements.existsFrom}${whereSql}${model.dialect.limitOffset(1)}`,
      params.values,
    );
    return row !== undefined;
  }

  async count(where?: Filter<T>): Promise<number> {
    const { model, table, run, filters } = this;
    const params = new SqlParams(model.dialect);
    const whereSql = filters.where(where, params, 'count');
    const row = await run.queryOne(
      'count',
      `${table.statements.countFrom}${whereSql}`,
      params.values,
    );
    return Number(row?.n ?? 0);
  }

  /** The first record by `orderBy` (default: the key), or null. */
  first(where?: Filter<T>, options?: FindOptions): Promise<ManagedRecord<T> | null> {
    const limited = options === undefined ? this.firstDefaults : { ...options, limit: 1 };
    return this.findOne('first', where, limited, this.model.meta.key);
  }

  /** The last record by `orderBy` (default: the key): first() of the reversed order. */
  last(where?: Filter<T>, options: FindOptions = {}): Promise<ManagedRecord<T> | null> {
    const orderBy = reverseOrder(options.orderBy ?? this.model.meta.key);
    return this.findOne('last', where, { ...options, orderBy, limit: 1 });
  }

  /** Reloads a record's fields from its row, in place; returns the record. */
  async refresh(record: T): Promise<ManagedRecord<T>> {
    const { model } = this;
    const key = persistedKeyOf(record) ?? (record as any)[model.meta.key];
    const fresh = await this.get(key as KeyValue, 'refresh');
    if (!fresh) throw model.notFound('refresh', { key });
    for (const field of model.meta.fields)
      (record as any)[field.property] = (fresh as any)[field.property];
    markPersisted(record, key);
    return (
      Object.getPrototypeOf(record) === model.recordClass.prototype ? record : fresh
    ) as ManagedRecord<T>;
  }
}
