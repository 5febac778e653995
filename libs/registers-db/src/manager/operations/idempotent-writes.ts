import { DuplicateKeyError, InvalidQueryError, UniqueConstraintError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isUnsafeKey } from '../../validation/unsafe-keys';
import { isFilter, isPlainData } from '../context/input-shapes';
import type { ModelContext } from '../context/model-context';
import { ModelOperation } from '../context/model-operation';
import type { LookupArgs } from '../manager-options.interface';
import type { Reads } from './reads';
import type { RecordWrites } from './record-writes';

/** What idempotent writes call back into: the public create and update (which run hooks). */
export interface IdempotentWriteTargets<T> {
  create(data: Partial<T>): Promise<ManagedRecord<T>>;
  updateRecord(record: T, changes: Partial<T>): Promise<T>;
}

/** getOrCreate / updateOrCreate: a read by key or unique group, then a create that tolerates a race. */
export class IdempotentWrites<T extends object> extends ModelOperation<T> {
  constructor(
    ctx: ModelContext<T>,
    private readonly reads: Reads<T>,
    private readonly records: RecordWrites<T>,
    private readonly api: IdempotentWriteTargets<T>,
  ) {
    super(ctx);
  }

  /** The key or one unique group, exactly, with values; anything else is refused. */
  private checkLookup(lookup: unknown, operation: string): Record<string, unknown> {
    const { model } = this;
    if (!isFilter(lookup) || !isPlainData(lookup)) {
      throw new InvalidQueryError(
        queryMessages.lookupNotObject(model.meta.name, operation),
        model.context(operation),
      );
    }
    const own = Object.keys(lookup);
    const bad = own.find(isUnsafeKey);
    if (bad)
      throw new InvalidQueryError(
        queryMessages.keyNotAllowed(model.meta.name, operation, bad),
        model.context(operation, { field: bad }),
      );
    // Inside a tenantScope the tenant field is implied (unique groups usually include it).
    const tenantProperty =
      model.tenancy.field && model.tenancy.current(operation)
        ? model.tenancy.field.property
        : undefined;
    const withTenant =
      tenantProperty && !own.includes(tenantProperty) ? [...own, tenantProperty] : own;
    const sameSet = (keys: string[], group: string[]) =>
      group.length === keys.length && group.every((p) => keys.includes(p));
    const matches = (group: string[]) => sameSet(own, group) || sameSet(withTenant, group);
    if (!sameSet(own, [model.meta.key]) && !model.meta.unique.some(matches)) {
      throw new InvalidQueryError(
        queryMessages.lookupNotUnique(
          model.meta.name,
          operation,
          model.meta.key,
          model.meta.unique,
        ),
        model.context(operation, { fields: own }),
      );
    }
    const missing = own.find((k) => (lookup as any)[k] == null);
    if (missing) {
      throw new InvalidQueryError(
        queryMessages.lookupValueMissing(model.meta.name, operation, missing),
        model.context(operation, { field: missing }),
      );
    }
    return lookup as Record<string, unknown>;
  }

  private async createFor(
    data: Record<string, unknown>,
    lookup: Record<string, unknown>,
    operation: string,
  ): Promise<ManagedRecord<T>> {
    const { model, table } = this;
    // Only a database-generated key given as the lookup needs the explicit-key insert.
    if (!(model.meta.key in lookup) || model.keyField.idStrategy !== 'autoincrement')
      return this.api.create(data as Partial<T>);
    const record = await model.validator.build(data, { operation, allowDatabaseKey: true });
    if (model.passwords.any) await model.passwords.hashInto(record as any);
    await model.seal([record], operation);
    await this.records.insertWithKey(record, operation);
    await table.audit?.write('create', [model.keyOf(record)], model.storedNames(record));
    return record as ManagedRecord<T>;
  }

  /** The record matching `lookup`, or a new one from lookup + defaults: `[record, created]`. */
  async getOrCreate(args: LookupArgs<T>): Promise<[ManagedRecord<T>, boolean]> {
    const { run } = this;
    const operation = 'getOrCreate';
    const lookup = this.checkLookup(args?.lookup, operation);
    const existing = await this.reads.get(lookup as Filter<T>, operation);
    if (existing) return [existing, false];
    try {
      return [
        await run.contained(() =>
          this.createFor({ ...(args.defaults ?? {}), ...lookup }, lookup, operation),
        ),
        true,
      ];
    } catch (error) {
      // Another flow created it between the read and the insert.
      if (!(error instanceof UniqueConstraintError || error instanceof DuplicateKeyError))
        throw error;
      const winner = await this.reads.get(lookup as Filter<T>, operation);
      if (!winner) throw error;
      return [winner, false];
    }
  }

  /** Updates the record matching `lookup` with `defaults`, or creates it: `[record, created]`. */
  async updateOrCreate(args: LookupArgs<T>): Promise<[ManagedRecord<T>, boolean]> {
    const { run } = this;
    const operation = 'updateOrCreate';
    const lookup = this.checkLookup(args?.lookup, operation);
    const defaults = { ...(args.defaults ?? {}) } as Record<string, unknown>;
    for (const key of Object.keys(lookup)) delete defaults[key];
    const update = async (record: ManagedRecord<T>): Promise<[ManagedRecord<T>, boolean]> => {
      if (Object.keys(defaults).length) await this.api.updateRecord(record, defaults as Partial<T>);
      return [record, false];
    };
    const existing = await this.reads.get(lookup as Filter<T>, operation);
    if (existing) return update(existing);
    try {
      return [
        await run.contained(() => this.createFor({ ...defaults, ...lookup }, lookup, operation)),
        true,
      ];
    } catch (error) {
      if (!(error instanceof UniqueConstraintError || error instanceof DuplicateKeyError))
        throw error;
      const winner = await this.reads.get(lookup as Filter<T>, operation);
      if (!winner) throw error;
      return update(winner);
    }
  }
}
