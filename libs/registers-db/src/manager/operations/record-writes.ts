import type { DatabaseConnection } from '../../connection/database-connection';
import type { ImmediateStatements } from '../../dialects/base/driver-session.interface';
import { ImmutableFieldError, InvalidQueryError } from '../../errors';
import { queryMessages, recordMessages } from '../../errors/messages';
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isPersisted, markPersisted, persistedKeyOf } from '../../records/record-state';
import { sameKey } from '../context/input-shapes';
import type { ModelContext } from '../context/model-context';
import { ModelOperation } from '../context/model-operation';
import type { Row } from '../context/statement-runner';
import type { LeanUpsertPlan } from '../context/upsert-plans';
import { assignGeneratedKeys } from './generated-keys';
import { KeySequence } from './key-sequence';

/** Build options of create, made once: create is the hottest write. */
const CREATE = { operation: 'create' } as const;

/** See RecordWrites.atOnce. */
type AtOnce =
  | { now: ImmediateStatements; direct?: undefined }
  | { now?: undefined; direct: DatabaseConnection };

/** What single-record writes call back into: the public create (which runs hooks). */
export interface CreateWithEffects<T> {
  create(data: Partial<T>): Promise<ManagedRecord<T>>;
}

/** Writes of one record or one key, without hooks or audit rows (see HookedWrites). */
export class RecordWrites<T extends object> extends ModelOperation<T> {
  private readonly keys: KeySequence<T>;

  constructor(
    ctx: ModelContext<T>,
    private readonly api: CreateWithEffects<T>,
  ) {
    super(ctx);
    this.keys = new KeySequence(ctx);
  }

  /**
   * How a single-row write of a model without tenant, password or encrypted fields reaches
   * the database at once: `now` runs it synchronously (SQLite), `direct` sends it as one
   * promise chain (servers). Undefined when it must wait for the table, needs a savepoint,
   * or the model needs work before the statement.
   */
  private atOnce(): AtOnce | undefined {
    const { model, run } = this;
    if (model.tenancy.field || model.passwords.any || model.encrypted.any) return undefined;
    const now = run.immediateWrite();
    if (now) return { now };
    const direct = run.directWrite();
    return direct ? { direct } : undefined;
  }

  create(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { model, run } = this;
    const write = this.atOnce();
    if (!write) return this.createLater(data);
    // Validation and the INSERT (or, on a server, sending it) run synchronously, so nothing
    // can take the database between the check above and the statement.
    try {
      const built = model.validator.build(data, CREATE);
      if (built instanceof Promise) return this.insertedLater(built);
      if (write.direct) return this.insertDirect(write.direct, built);
      this.insertNow(write.now, built, 'create');
      return Promise.resolve(built as ManagedRecord<T>);
    } catch (error) {
      return run.rejected(error, 'create');
    }
  }

  private async createLater(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { model } = this;
    if (model.tenancy.field) data = model.tenancy.fill(data, 'create');
    const built = model.validator.build(data, CREATE);
    const record = built instanceof Promise ? await built : built;
    if (model.passwords.any) await model.passwords.hashInto(record as any);
    await model.seal([record], 'create');
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
    const { model, table, run } = this;
    await run.ready(operation);
    const { statements } = table;
    const params = model.paramsOf(record, statements.insertFields);
    const result = await run.execute(operation, statements.insertOne, params);
    this.persisted(record, statements.keyRowsOf(result), operation);
  }

  /** insertOne on a driver that runs it now; driver errors are thrown as they are. */
  private insertNow(now: ImmediateStatements, record: T, operation: string): void {
    const { statements } = this.table;
    const params = this.model.paramsOf(record, statements.insertFields);
    const result = now.executeNow(statements.insertOne, params);
    this.persisted(record, statements.keyRowsOf(result), operation);
  }

  /** insertOne as one promise chain on a connection that takes the write as is (directWrite). */
  private insertDirect(connection: DatabaseConnection, record: T): Promise<ManagedRecord<T>> {
    const { statements } = this.table;
    const params = this.model.paramsOf(record, statements.insertFields);
    return connection.execute(statements.insertOne, params).then(
      (result) => {
        this.persisted(record, statements.keyRowsOf(result), 'create');
        return record as ManagedRecord<T>;
      },
      (error) => this.run.rejected(error, 'create'),
    );
  }

  private persisted(record: T, rows: Row[], operation: string): void {
    assignGeneratedKeys(this.model, this.table.statements, [record], rows, operation);
    this.model.markWritten(record);
  }

  upsert(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { model, table, run } = this;
    const operation = 'upsert';
    if (model.tenancy.field && model.tenancy.current(operation)) {
      // A conflict may land on another tenant's row: check the result and roll back if so.
      return run.transaction(async () => {
        const record = await this.upsertStatement(
          model.tenancy.fill(model.plainInput(data), operation),
        );
        model.tenancy.assertOwns(record, operation);
        return record;
      });
    }
    const write = this.atOnce();
    if (!write) return this.upsertStatement(data);
    // Like create: validation and the statement run (or are sent) synchronously.
    try {
      const input: any = model.plainInput(data);
      const conflict = table.upsertPlans.conflictOf(input);
      const built = this.buildUpsert(input, conflict);
      if (built instanceof Promise || !conflict || this.keys.needsSync(conflict))
        return this.upsertBuilt(input, conflict, built);
      const plan = table.upsertPlans.leanSingleRowPlan(conflict, input);
      const params = model.paramsOf(built, plan.fields);
      if (write.direct) {
        return write.direct.queryOne(plan.sql, params).then(
          (row) => this.upserted(built, plan, row!),
          (error) => run.rejected(error, operation),
        );
      }
      return Promise.resolve(this.upserted(built, plan, write.now.queryOneNow(plan.sql, params)!));
    } catch (error) {
      return run.rejected(error, operation);
    }
  }

  /** The record of a lean upsert: its bound values, and the stored values RETURNING gave. */
  private upserted(record: T, plan: LeanUpsertPlan, row: Row): ManagedRecord<T> {
    const { model } = this;
    const { returned } = plan;
    for (let i = 0; i < returned.length; i++) {
      const field = returned[i];
      (record as any)[field.property] = model.dialect.fromDriver(field, row[field.column]);
    }
    model.markWritten(record);
    return record as ManagedRecord<T>;
  }

  private buildUpsert(input: any, conflict: FieldMetadata[] | undefined): T | Promise<T> {
    return this.model.validator.build(input, {
      operation: 'upsert',
      allowDatabaseKey: conflict?.[0] === this.model.keyField,
    });
  }

  private async upsertStatement(data: Partial<T>): Promise<ManagedRecord<T>> {
    const input: any = this.model.plainInput(data);
    const conflict = this.table.upsertPlans.conflictOf(input);
    return this.upsertBuilt(input, conflict, this.buildUpsert(input, conflict));
  }

  private async upsertBuilt(
    input: any,
    conflict: FieldMetadata[] | undefined,
    built: T | Promise<T>,
  ): Promise<ManagedRecord<T>> {
    const { model, table, run } = this;
    const operation = 'upsert';
    const record = built instanceof Promise ? await built : built;
    if (model.passwords.any) await model.passwords.hashInto(record as any);
    await model.seal([record], operation);
    if (!conflict) {
      await this.insertOne(record, operation);
      return record as ManagedRecord<T>;
    }
    await run.ready(operation);
    const plan = table.upsertPlans.singleRowPlan(conflict, input);
    const write = () => run.connection.query(plan.sql, model.paramsOf(record, plan.fields));
    let rows: Row[];
    try {
      rows = await (conflict[0] === model.keyField
        ? this.keys.writeWithExplicitKey(operation, write)
        : run.contained(write));
    } catch (error) {
      throw await run.normalize(error, operation);
    }
    return model.reveal(model.hydrate(rows[0]) as ManagedRecord<T>, operation);
  }

  /** Inserts a record whose autoincrement key is given (getOrCreate by key). */
  async insertWithKey(record: T, operation: string): Promise<void> {
    const { model, run } = this;
    await run.ready(operation);
    const fields = model.meta.fields;
    const sql = model.dialect.insertSql(
      model.meta.table,
      fields.map((f) => f.column),
      1,
    );
    try {
      await this.keys.writeWithExplicitKey(operation, () =>
        run.connection.query(sql, model.paramsOf(record, fields)),
      );
    } catch (error) {
      throw await run.normalize(error, operation);
    }
    markPersisted(record, (record as any)[model.meta.key]);
  }

  async save(record: T): Promise<ManagedRecord<T>> {
    const { model, table, run } = this;
    if (!record || typeof record !== 'object') {
      throw new InvalidQueryError(
        queryMessages.saveNeedsRecord(model.meta.name),
        model.context('save'),
      );
    }
    if (model.tenancy.field && isPersisted(record)) model.tenancy.assertOwns(record, 'save');
    const key = model.meta.key;
    if (!isPersisted(record)) {
      const created = await this.api.create(model.fieldValues(record));
      (record as any)[key] = (created as any)[key];
      markPersisted(record, (created as any)[key]);
      return created;
    }
    const original = persistedKeyOf(record);
    if (!sameKey((record as any)[key], original)) {
      throw new ImmutableFieldError(recordMessages.storedKeyImmutable(model.meta.name, key), {
        ...model.context('save'),
        fields: [key],
      });
    }
    model.touch(record);
    await model.validator.checkRecord(record, { operation: 'save' });
    if (model.passwords.any) await model.passwords.hashInto(record as any);
    await model.seal([record], 'save');
    const params = model.paramsOf(record, table.statements.updateFields);
    params.push(model.dialect.toDriver(model.keyField, original));
    const result = await run.execute('save', table.statements.updateByKey, params);
    if (result.affected === 0) throw model.notFound('save', { key: original });
    return record as ManagedRecord<T>;
  }

  async updateRecord(record: T, changes: Partial<T>): Promise<T> {
    const { model, table, run } = this;
    const key = persistedKeyOf(record) ?? (record as any)[model.meta.key];
    if (model.tenancy.field) {
      model.tenancy.assertOwns(record, 'update');
      changes = model.tenancy.fill(changes, 'update');
    }
    const checked = await model.validator.checkChanges(changes, { operation: 'update' });
    if (model.passwords.any) await model.passwords.hashInto(checked);
    model.touch(checked);
    await model.seal([checked], 'update');
    const fields = Object.keys(checked)
      .map((p) => model.meta.fieldsByProperty.get(p))
      .filter(Boolean) as FieldMetadata[];
    if (fields.length) {
      const params = model.paramsOf(checked, fields);
      params.push(model.keyParam(key, 'update'));
      const result = await run.execute(
        'update',
        table.statements.updateFieldsByKey(fields),
        params,
      );
      if (result.affected === 0) throw model.notFound('update', { key });
    }
    Object.assign(record, checked);
    return record;
  }
}
