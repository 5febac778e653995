import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isPersisted, persistedKeyOf } from '../../records/record-state';
import type { FullTableOptions, KeyValue } from '../manager-options.interface';
import type { BulkWrites } from './bulk-writes';
import type { ModelContext } from './model-context';
import type { RecordWrites } from './record-writes';
import type { WhereWrites } from './where-writes';

/**
 * The public writes: each runs its plain implementation; models with hooks or an audit
 * log run it inside a transaction together with the hooks and audit rows, so a throw in
 * a hook rolls the write back.
 */
export class HookedWrites<T extends object> {
  constructor(
    private readonly ctx: ModelContext<T>,
    private readonly records: RecordWrites<T>,
    private readonly where: WhereWrites<T>,
    private readonly bulk: BulkWrites<T>,
  ) {}

  create(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    if (!ctx.effects) return this.records.create(data);
    return ctx.transaction(async () => {
      const input = await ctx.hooks.run('beforeCreate', data);
      const record = await this.records.create(input);
      await ctx.audit?.write('create', [ctx.keyOf(record)], ctx.storedNames(record));
      await ctx.hooks.run('afterCreate', record);
      return record;
    });
  }

  upsert(data: Partial<T>): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    if (!ctx.audit) return this.records.upsert(data);
    return ctx.transaction(async () => {
      const record = await this.records.upsert(data);
      await ctx.audit!.write('upsert', [ctx.keyOf(record)], ctx.storedNames(data));
      return record;
    });
  }

  save(record: T): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    if (!ctx.effects || !record || typeof record !== 'object' || !isPersisted(record))
      return this.records.save(record);
    return ctx.transaction(async () => {
      await ctx.hooks.run('beforeSave', record);
      const saved = await this.records.save(record);
      await ctx.audit?.write(
        'update',
        [ctx.keyOf(saved)],
        ctx.statements.updateFields.map((f) => f.property),
      );
      await ctx.hooks.run('afterSave', saved);
      return saved;
    });
  }

  updateRecord(record: T, changes: Partial<T>): Promise<T> {
    const { ctx } = this;
    if (!ctx.effects) return this.records.updateRecord(record, changes);
    return ctx.transaction(async () => {
      await ctx.hooks.run('beforeSave', record);
      const updated = await this.records.updateRecord(record, changes);
      await ctx.audit?.write(
        'update',
        [persistedKeyOf(record) ?? ctx.keyOf(record)],
        ctx.storedNames(changes),
      );
      await ctx.hooks.run('afterSave', updated);
      return updated;
    });
  }

  updateWhere(
    where: Filter<T>,
    changes: Partial<T>,
    options?: FullTableOptions,
  ): Promise<ManagedRecord<T>[]> {
    const { ctx } = this;
    if (!ctx.audit) return this.where.updateWhere(where, changes, options);
    return ctx.transaction(async () => {
      const records = await this.where.updateWhere(where, changes, options);
      await ctx.audit!.write(
        'update',
        records.map((r) => ctx.keyOf(r)),
        ctx.storedNames(changes),
      );
      return records;
    });
  }

  delete(key: KeyValue): Promise<boolean> {
    return this.deleteByKey(key, 'delete', () => this.records.delete(key));
  }

  hardDelete(key: KeyValue): Promise<boolean> {
    return this.deleteByKey(key, 'hardDelete', () => this.records.hardDelete(key));
  }

  /** A delete by key between the delete hooks (which receive the key), audited when a row went. */
  private deleteByKey(
    key: KeyValue,
    action: 'delete' | 'hardDelete',
    remove: () => Promise<boolean>,
  ): Promise<boolean> {
    const { ctx } = this;
    if (!ctx.deleteEffects) return remove();
    return ctx.transaction(async () => {
      await ctx.hooks.run('beforeDelete', key);
      const deleted = await remove();
      if (deleted) {
        await ctx.audit?.write(action, [key], null);
        await ctx.hooks.run('afterDelete', key);
      }
      return deleted;
    });
  }

  restore(key: KeyValue): Promise<boolean> {
    const { ctx } = this;
    if (!ctx.audit) return this.records.restore(key);
    return ctx.transaction(async () => {
      const restored = await this.records.restore(key);
      if (restored) await ctx.audit!.write('restore', [key], null);
      return restored;
    });
  }

  deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number> {
    const { ctx } = this;
    if (!ctx.deleteEffects) return this.where.deleteWhere(where, options);
    return ctx.transaction(() =>
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
    const { ctx } = this;
    if (!ctx.effects) return this.bulk.bulkCreate(rows);
    return ctx.transaction(async () => {
      const input = await ctx.hooks.run('beforeBulkCreate', rows);
      const records = await this.bulk.bulkCreate(input);
      await ctx.audit?.write(
        'create',
        records.map((r) => ctx.keyOf(r)),
        ctx.meta.fields.map((f) => f.property),
      );
      await ctx.hooks.run('afterBulkCreate', records);
      return records;
    });
  }

  bulkUpsert(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    const { ctx } = this;
    if (!ctx.audit) return this.bulk.bulkUpsert(rows);
    return ctx.transaction(async () => {
      const records = await this.bulk.bulkUpsert(rows);
      await ctx.audit!.write('upsert', [...new Set(records.map((r) => ctx.keyOf(r)))], null);
      return records;
    });
  }

  bulkDelete(keysOrWhere: KeyValue[] | Filter<T>, options?: FullTableOptions): Promise<number> {
    const { ctx } = this;
    if (!ctx.deleteEffects || !Array.isArray(keysOrWhere))
      return this.bulk.bulkDelete(keysOrWhere, options);
    return ctx.transaction(() => this.deleteEach(keysOrWhere));
  }

  purgeDeleted(options: { before?: Date } = {}): Promise<number> {
    const { ctx } = this;
    if (!ctx.audit) return this.where.purgeDeleted(options);
    return ctx.transaction(async () => {
      ctx.requireSoftDelete('purgeDeleted');
      const deletedKeys = () =>
        this.where.keysWhere({}, { allowFullTable: true }, 'purgeDeleted', true);
      const keys = await deletedKeys();
      const purged = await this.where.purgeDeleted(options);
      // Rows deleted after `before` stay; report only those that are gone now.
      const left = new Set((await deletedKeys()).map(String));
      await ctx.audit!.write(
        'hardDelete',
        keys.filter((k) => !left.has(String(k))),
        null,
      );
      return purged;
    });
  }
}
