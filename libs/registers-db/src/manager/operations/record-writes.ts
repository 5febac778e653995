import type { ImmediateStatements } from '../../dialects/base/driver-session.interface';
import { ImmutableFieldError, InvalidQueryError } from '../../errors';
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import { SqlParams } from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isPersisted, markPersisted, persistedKeyOf } from '../../records/record-state';
import type { KeyValue } from '../manager-options.interface';
import { assignGeneratedKeys } from './generated-keys';
import { sameKey } from './input-shapes';
import { needsKeySequenceSync, writeWithExplicitKey } from './key-sequence';
import type { ModelContext, Row } from './model-context';
import type { WhereWrites } from './where-writes';

/** Build options of create, made once: create is the hottest write. */
const CREATE = { operation: 'create' } as const;

/** What single-record writes call back into: the public create (which runs hooks). */
export interface CreateWithEffects<T> {
  create(data: Partial<T>): Promise<ManagedRecord<T>>;
}

/** Writes of one record or one key, without hooks or audit rows (see HookedWrites). */
export class RecordWrites<T extends object> {
  constructor(
    private readonly ctx: ModelContext<T>,
    private readonly whereWrites: WhereWrites<T>,
    private readonly api: CreateWithEffects<T>,
  ) {}

  create(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    const plain = !ctx.tenancy.field && !ctx.passwords.any && !ctx.encrypted.any;
    const now = plain ? ctx.immediateWrite() : undefined;
    if (!now) return this.createLater(data);
    // Validation and the INSERT run synchronously, so nothing can take the database between
    // the check above and the statement.
    try {
      const built = ctx.validator.build(data, CREATE);
      if (built instanceof Promise) return this.insertedLater(built);
      this.insertNow(now, built, 'create');
      return Promise.resolve(built as ManagedRecord<T>);
    } catch (error) {
      return ctx.rejected(error, 'create');
    }
  }

  private async createLater(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    if (ctx.tenancy.field) data = ctx.tenancy.fill(data, 'create');
    const built = ctx.validator.build(data, CREATE);
    const record = built instanceof Promise ? await built : built;
    if (ctx.passwords.any) await ctx.passwords.hashInto(record as any);
    await ctx.seal([record], 'create');
    await this.insertOne(record, 'create');
    return record as ManagedRecord<T>;
  }

  /** A record validated by async rules: by then the database may be busy, so insert later. */
  private async insertedLater(built: Promise<T>): Promise<ManagedRecord<T>> {
    const record = await built;
    await this.insertOne(record, 'create');
    return record as ManagedRecord<T>;
  }

  /** Inserts one validated record; sets its generated key. */
  async insertOne(record: T, operation: string): Promise<void> {
    const { ctx } = this;
    await ctx.ready();
    const { statements } = ctx;
    const params = ctx.paramsOf(record, statements.insertFields);
    const result = await ctx.execute(operation, statements.insertOne, params);
    this.persisted(record, statements.keyRowsOf(result), operation);
  }

  /** insertOne on a driver that runs it now; driver errors are thrown as they are. */
  private insertNow(now: ImmediateStatements, record: T, operation: string): void {
    const { statements } = this.ctx;
    const params = this.ctx.paramsOf(record, statements.insertFields);
    const result = now.executeNow(statements.insertOne, params);
    this.persisted(record, statements.keyRowsOf(result), operation);
  }

  private persisted(record: T, rows: Row[], operation: string): void {
    assignGeneratedKeys(this.ctx, [record], rows, operation);
    markPersisted(record, (record as any)[this.ctx.meta.key]);
  }

  upsert(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    const operation = 'upsert';
    if (ctx.tenancy.field && ctx.tenancy.current(operation)) {
      // A conflict may land on another tenant's row: check the result and roll back if so.
      return ctx.transaction(async () => {
        const record = await this.upsertStatement(
          ctx.tenancy.fill(ctx.plainInput(data), operation),
        );
        ctx.tenancy.assertOwns(record, operation);
        return record;
      });
    }
    const plain = !ctx.tenancy.field && !ctx.passwords.any && !ctx.encrypted.any;
    const now = plain ? ctx.immediateWrite() : undefined;
    if (!now) return this.upsertStatement(data);
    // Like create: validation and the statement run synchronously when the driver can.
    try {
      const input: any = ctx.plainInput(data);
      const conflict = ctx.upsertPlans.conflictOf(input);
      const built = this.buildUpsert(input, conflict);
      if (built instanceof Promise || !conflict || needsKeySequenceSync(ctx, conflict))
        return this.upsertBuilt(input, conflict, built);
      const plan = ctx.upsertPlans.singleRowPlan(conflict, input);
      const row = now.queryOneNow(plan.sql, ctx.paramsOf(built, plan.fields));
      return Promise.resolve(ctx.hydrate(row!) as ManagedRecord<T>);
    } catch (error) {
      return ctx.rejected(error, operation);
    }
  }

  private buildUpsert(input: any, conflict: FieldMetadata[] | undefined): T | Promise<T> {
    return this.ctx.validator.build(input, {
      operation: 'upsert',
      allowDatabaseKey: conflict?.[0] === this.ctx.keyField,
    });
  }

  private async upsertStatement(data: Partial<T>): Promise<ManagedRecord<T>> {
    const input: any = this.ctx.plainInput(data);
    const conflict = this.ctx.upsertPlans.conflictOf(input);
    return this.upsertBuilt(input, conflict, this.buildUpsert(input, conflict));
  }

  private async upsertBuilt(
    input: any,
    conflict: FieldMetadata[] | undefined,
    built: T | Promise<T>,
  ): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    const operation = 'upsert';
    const record = built instanceof Promise ? await built : built;
    if (ctx.passwords.any) await ctx.passwords.hashInto(record as any);
    await ctx.seal([record], operation);
    if (!conflict) {
      await this.insertOne(record, operation);
      return record as ManagedRecord<T>;
    }
    await ctx.ready();
    const plan = ctx.upsertPlans.singleRowPlan(conflict, input);
    const write = () => ctx.connection.query(plan.sql, ctx.paramsOf(record, plan.fields));
    let rows: Row[];
    try {
      rows = await (conflict[0] === ctx.keyField
        ? writeWithExplicitKey(ctx, operation, write)
        : ctx.contained(write));
    } catch (error) {
      throw await ctx.normalize(error, operation);
    }
    return ctx.reveal(ctx.hydrate(rows[0]) as ManagedRecord<T>, operation);
  }

  /** Inserts a record whose autoincrement key is given (getOrCreate by key). */
  async insertWithKey(record: T, operation: string): Promise<void> {
    const { ctx } = this;
    await ctx.ready();
    const fields = ctx.meta.fields;
    const sql = ctx.dialect.insertSql(
      ctx.meta.table,
      fields.map((f) => f.column),
      1,
    );
    try {
      await writeWithExplicitKey(ctx, operation, () =>
        ctx.connection.query(sql, ctx.paramsOf(record, fields)),
      );
    } catch (error) {
      throw await ctx.normalize(error, operation);
    }
    markPersisted(record, (record as any)[ctx.meta.key]);
  }

  async save(record: T): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    if (!record || typeof record !== 'object') {
      throw new InvalidQueryError(`${ctx.meta.name}.save needs a record`, ctx.context('save'));
    }
    if (ctx.tenancy.field && isPersisted(record)) ctx.tenancy.assertOwns(record, 'save');
    const key = ctx.meta.key;
    if (!isPersisted(record)) {
      const created = await this.api.create(ctx.fieldValues(record));
      (record as any)[key] = (created as any)[key];
      markPersisted(record, (created as any)[key]);
      return created;
    }
    const original = persistedKeyOf(record);
    if (!sameKey((record as any)[key], original)) {
      throw new ImmutableFieldError(
        `${ctx.meta.name}.${key} of a stored record cannot be changed`,
        {
          ...ctx.context('save'),
          fields: [key],
        },
      );
    }
    ctx.touch(record);
    await ctx.validator.checkRecord(record, { operation: 'save' });
    if (ctx.passwords.any) await ctx.passwords.hashInto(record as any);
    await ctx.seal([record], 'save');
    const params = ctx.paramsOf(record, ctx.statements.updateFields);
    params.push(ctx.dialect.toDriver(ctx.keyField, original));
    const result = await ctx.execute('save', ctx.statements.updateByKey, params);
    if (result.affected === 0) throw ctx.notFound('save', { key: original });
    return record as ManagedRecord<T>;
  }

  async updateRecord(record: T, changes: Partial<T>): Promise<T> {
    const { ctx } = this;
    const key = persistedKeyOf(record) ?? (record as any)[ctx.meta.key];
    if (ctx.tenancy.field) {
      ctx.tenancy.assertOwns(record, 'update');
      changes = ctx.tenancy.fill(changes, 'update');
    }
    const checked = await ctx.validator.checkChanges(changes, { operation: 'update' });
    if (ctx.passwords.any) await ctx.passwords.hashInto(checked);
    ctx.touch(checked);
    await ctx.seal([checked], 'update');
    const fields = Object.keys(checked)
      .map((p) => ctx.meta.fieldsByProperty.get(p))
      .filter(Boolean) as FieldMetadata[];
    if (fields.length) {
      const params = ctx.paramsOf(checked, fields);
      params.push(ctx.keyParam(key, 'update'));
      const result = await ctx.execute('update', ctx.statements.updateFieldsByKey(fields), params);
      if (result.affected === 0) throw ctx.notFound('update', { key });
    }
    Object.assign(record, checked);
    return record;
  }

  async delete(key: KeyValue): Promise<boolean> {
    const { ctx } = this;
    const param = ctx.keyParam(key, 'delete');
    if (ctx.tenancy.field)
      return (await this.whereWrites.deleteWhere({ [ctx.meta.key]: key } as Filter<T>)) > 0;
    const { softDeleteByKey, deletedAtField } = ctx.statements;
    const result = softDeleteByKey
      ? await ctx.execute('delete', softDeleteByKey, [
          ctx.dialect.toDriver(deletedAtField!, new Date()),
          param,
        ])
      : await ctx.execute('delete', ctx.statements.deleteByKey, [param]);
    return result.affected > 0;
  }

  async hardDelete(key: KeyValue): Promise<boolean> {
    const { ctx } = this;
    const param = ctx.keyParam(key, 'hardDelete');
    if (!ctx.tenancy.field) {
      return (await ctx.execute('hardDelete', ctx.statements.deleteByKey, [param])).affected > 0;
    }
    const params = new SqlParams(ctx.dialect);
    const whereSql = ctx.filters.where({ [ctx.meta.key]: key } as Filter<T>, params, 'hardDelete', {
      includeDeleted: true,
    });
    const sql = `DELETE FROM ${ctx.statements.table}${whereSql}`;
    return (await ctx.execute('hardDelete', sql, params.values)).affected > 0;
  }

  async restore(key: KeyValue): Promise<boolean> {
    const { ctx } = this;
    const sql = ctx.requireSoftDelete('restore').restoreByKey!;
    const param = ctx.keyParam(key, 'restore');
    if (!ctx.tenancy.field) return (await ctx.execute('restore', sql, [param])).affected > 0;
    const column = ctx.dialect.quoteIdentifier(ctx.statements.deletedAtField!.column);
    const params = new SqlParams(ctx.dialect);
    const whereSql = ctx.filters.where({ [ctx.meta.key]: key } as Filter<T>, params, 'restore', {
      includeDeleted: true,
    });
    const restore = `UPDATE ${ctx.statements.table} SET ${column} = NULL${whereSql} AND ${column} IS NOT NULL`;
    return (await ctx.execute('restore', restore, params.values)).affected > 0;
  }
}
