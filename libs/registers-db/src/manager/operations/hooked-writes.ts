import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isPersisted, persistedKeyOf } from '../../records/record-state';
import type { ModelContext } from '../context/model-context';
import { ModelOperation } from '../context/model-operation';
import type { FullTableOptions, KeyValue } from '../manager-options.interface';
import type { BulkWrites } from './bulk-writes';
import type { KeyDeletes } from './key-deletes';
import type { RecordWrites } from './record-writes';
import type { WhereWrites } from './where-writes';

/**
 * The public writes: each runs its plain implementation; models with hooks or an audit
 * log run it inside a transaction together with the hooks and audit rows, so a throw in
 * a hook rolls the write back.
 */
export class HookedWrites<T extends object> extends ModelOperation<T> {
  constructor(
    ctx: ModelContext<T>,
    private readonly records: RecordWrites<T>,
    private readonly keyDeletes: KeyDeletes<T>,
    private readonly where: WhereWrites<T>,
    private readonly bulk: BulkWrites<T>,
  ) {
    super(ctx);
  }

  /** Whether writes carry hooks or audit rows (and so need a transaction of their own). */
  private get effects(): boolean {
    return this.model.hooks.any || this.table.audit !== undefined;
  }

  /** Whether deletes carry hooks or audit rows. */
  private get deleteEffects(): boolean {
    return (
      this.table.audit !== undefined ||
      this.model.hooks.has('beforeDelete') ||
      this.model.hooks.has('afterDelete')
    );
  }

  create(data: Partial<T>): Promise<ManagedRecord<T>> {
    if (!this.effects) return this.records.create(data);
    const { model, table, run } = this;
    return run.transaction(async () => {
      const input = await model.hooks.run('beforeCreate', data);
      const record = await this.records.create(input);
      await table.audit?.write('create', [model.keyOf(record)], model.storedNames(record));
      await model.hooks.run('afterCreate', record);
      return record;
    });
  }

  upsert(data: Partial<T>): Promise<ManagedRecord<T>> {
    if (!this.table.audit) return this.records.upsert(data);
    const { model, table, run } = this;
    return run.transaction(async () => {
      const record = await this.records.upsert(data);
      await table.audit!.write('upsert', [model.keyOf(record)], model.storedNames(data));
      return record;
    });
  }

  save(record: T): Promise<ManagedRecord<T>> {
    if (!this.effects || !record || typeof record !== 'object' || !isPersisted(record))
      return this.records.save(record);
    const { model, table, run } = this;
    return run.transaction(async () => {
      await model.hooks.run('beforeSave', record);
      const saved = await this.records.save(record);
      await table.audit?.write(
        'update',
        [model.keyOf(saved)],
        table.statements.updateFields.map((f) => f.property),
      );
      await model.hooks.run('afterSave', saved);
      return saved;
    });
  }

  updateRecord(record: T, changes: Partial<T>): Promise<T> {
    if (!this.effects) return this.records.updateRecord(record, changes);
    const { model, table, run } = this;
    return run.transaction(async () => {
      await model.hooks.run('beforeSave', record);
      const updated = await this.records.updateRecord(record, changes);
      await table.audit?.write(
        'update',
        [persistedKeyOf(record) ?? model.keyOf(record)],
        model.storedNames(changes),
      );
      await model.hooks.run('afterSave', updated);
      return updated;
    });
  }

  updateWhere(
    where: Filter<T>,
    changes: Partial<T>,
    options?: FullTableOptions,
  ): Promise<ManagedRecord<T>[]> {
    if (!this.table.audit) return this.where.updateWhere(where, changes, options);
    const { model, table, run } = this;
    return run.transaction(async () => {
      const records = await this.where.updateWhere(where, changes, options);
      await table.audit!.write(
        'update',
        records.map((r) => model.keyOf(r)),
        model.storedNames(changes),
      );
      return records;
    });
  }

  delete(key: KeyValue): Promise<boolean> {
    return this.deleteByKey(key, 'delete', () => this.keyDeletes.delete(key));
  }

  hardDelete(key: KeyValue): Promise<boolean> {
    return this.deleteByKey(key, 'hardDelete', () => this.keyDeletes.hardDelete(key));
  }

  /** A delete by key between the delete hooks (which receive the key), audited when a row went. */
  private deleteByKey(
    key: KeyValue,
    action: 'delete' | 'hardDelete',
    remove: () => Promise<boolean>,
  ): Promise<boolean> {
    if (!this.deleteEffects) return remove();
    const { model, table, run } = this;
    return run.transaction(async () => {
      await model.hooks.run('beforeDelete', key);
      const deleted = await remove();
      if (deleted) {
        await table.audit?.write(action, [key], null);
        await model.hooks.run('afterDelete', key);
      }
      return deleted;
    });
  }

  restore(key: KeyValue): Promise<boolean> {
    if (!this.table.audit) return this.keyDeletes.restore(key);
    const { table, run } = this;
    return run.transaction(async () => {
      const restored = await this.keyDeletes.restore(key);
      if (restored) await table.audit!.write('restore', [key], null);
      return restored;
    });
  }

  deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number> {
    if (!this.deleteEffects) return this.where.deleteWhere(where, options);
    const { run } = this;
    return run.transaction(() =>
      this.deleteEach(this.where.keysWhere(where, options, 'deleteWhere')),
    );
  }

  /** Deletes key by key so each row gets its hooks and audit row; returns how many went. */
  private async deleteEach(keys: Promise<KeyValue[]> | KeyValue[]): Promise<number> {
    let deleted = 0;
    for (const key of await keys) if (await this.delete(key)) deleted++;
    return deleted;
  }

  bulkCreate(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    if (!this.effects) return this.bulk.bulkCreate(rows);
    const { model, table, run } = this;
    return run.transaction(async () => {
      const input = await model.hooks.run('beforeBulkCreate', rows);
      const records = await this.bulk.bulkCreate(input);
      await table.audit?.write(
        'create',
        records.map((r) => model.keyOf(r)),
        model.meta.fields.map((f) => f.property),
      );
      await model.hooks.run('afterBulkCreate', records);
      return records;
    });
  }

  bulkUpsert(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    if (!this.table.audit) return this.bulk.bulkUpsert(rows);
    const { model, table, run } = this;
    return run.transaction(async () => {
      const records = await this.bulk.bulkUpsert(rows);
      await table.audit!.write('upsert', [...new Set(records.map((r) => model.keyOf(r)))], null);
      return records;
    });
  }

  bulkDelete(keysOrWhere: KeyValue[] | Filter<T>, options?: FullTableOptions): Promise<number> {
    if (!this.deleteEffects || !Array.isArray(keysOrWhere))
      return this.bulk.bulkDelete(keysOrWhere, options);
    const { run } = this;
    return run.transaction(() => this.deleteEach(keysOrWhere));
  }

  purgeDeleted(options: { before?: Date } = {}): Promise<number> {
    if (!this.table.audit) return this.where.purgeDeleted(options);
    const { table, run } = this;
    return run.transaction(async () => {
      table.requireSoftDelete('purgeDeleted');
      const deletedKeys = () =>
        this.where.keysWhere({}, { allowFullTable: true }, 'purgeDeleted', true);
      const keys = await deletedKeys();
      const purged = await this.where.purgeDeleted(options);
      // Rows deleted after `before` stay; report only those that are gone now.
      const left = new Set((await deletedKeys()).map(String));
      await table.audit!.write(
        'hardDelete',
        keys.filter((k) => !left.has(String(k))),
        null,
      );
      return purged;
    });
  }
}
