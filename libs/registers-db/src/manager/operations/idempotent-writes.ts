import { DuplicateKeyError, InvalidQueryError, UniqueConstraintError } from '../../errors';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isUnsafeKey } from '../../validation/unsafe-keys';
import type { LookupArgs } from '../manager-options.interface';
import { isFilter, isPlainData } from './input-shapes';
import type { ModelContext } from './model-context';
import type { Reads } from './reads';
import type { RecordWrites } from './record-writes';

/** What idempotent writes call back into: the public create and update (which run hooks). */
export interface IdempotentWriteTargets<T> {
  create(data: Partial<T>): Promise<ManagedRecord<T>>;
  updateRecord(record: T, changes: Partial<T>): Promise<T>;
}

/** getOrCreate / updateOrCreate: a read by key or unique group, then a create that tolerates a race. */
export class IdempotentWrites<T extends object> {
  constructor(
    private readonly ctx: ModelContext<T>,
    private readonly reads: Reads<T>,
    private readonly records: RecordWrites<T>,
    private readonly api: IdempotentWriteTargets<T>,
  ) {}

  /** The key or one unique group, exactly, with values; anything else is refused. */
  private checkLookup(lookup: unknown, operation: string): Record<string, unknown> {
    const { ctx } = this;
    if (!isFilter(lookup) || !isPlainData(lookup)) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.${operation}: lookup must be an object`,
        ctx.context(operation),
      );
    }
    const own = Object.keys(lookup);
    const bad = own.find(isUnsafeKey);
    if (bad)
      throw new InvalidQueryError(
        `${ctx.meta.name}.${operation}: '${bad}' is not allowed`,
        ctx.context(operation, { field: bad }),
      );
    // Inside a tenantScope the tenant field is implied (unique groups usually include it).
    const tenantProperty =
      ctx.tenancy.field && ctx.tenancy.current(operation) ? ctx.tenancy.field.property : undefined;
    const withTenant =
      tenantProperty && !own.includes(tenantProperty) ? [...own, tenantProperty] : own;
    const sameSet = (keys: string[], group: string[]) =>
      group.length === keys.length && group.every((p) => keys.includes(p));
    const matches = (group: string[]) => sameSet(own, group) || sameSet(withTenant, group);
    if (!sameSet(own, [ctx.meta.key]) && !ctx.meta.unique.some(matches)) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.${operation}: lookup must be the key or a unique field set (${[[ctx.meta.key], ...ctx.meta.unique].map((g) => g.join('+')).join(', ')})`,
        ctx.context(operation, { fields: own }),
      );
    }
    const missing = own.find((k) => (lookup as any)[k] == null);
    if (missing) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.${operation}: lookup value of ${missing} is missing`,
        ctx.context(operation, { field: missing }),
      );
    }
    return lookup as Record<string, unknown>;
  }

  private async createFor(
    data: Record<string, unknown>,
    lookup: Record<string, unknown>,
    operation: string,
  ): Promise<ManagedRecord<T>> {
    const { ctx } = this;
    // Only a database-generated key given as the lookup needs the explicit-key insert.
    if (!(ctx.meta.key in lookup) || ctx.keyField.idStrategy !== 'autoincrement')
      return this.api.create(data as Partial<T>);
    const record = await ctx.validator.build(data, { operation, allowDatabaseKey: true });
    if (ctx.passwords.any) await ctx.passwords.hashInto(record as any);
    await ctx.seal([record], operation);
    await this.records.insertWithKey(record, operation);
    await ctx.audit?.write('create', [ctx.keyOf(record)], ctx.storedNames(record));
    return record as ManagedRecord<T>;
  }

  /** The record matching `lookup`, or a new one from lookup + defaults: `[record, created]`. */
  async getOrCreate(args: LookupArgs<T>): Promise<[ManagedRecord<T>, boolean]> {
    const { ctx } = this;
    const operation = 'getOrCreate';
    const lookup = this.checkLookup(args?.lookup, operation);
    const existing = await this.reads.get(lookup as Filter<T>, operation);
    if (existing) return [existing, false];
    try {
      return [
        await ctx.contained(() =>
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
    const { ctx } = this;
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
        await ctx.contained(() => this.createFor({ ...defaults, ...lookup }, lookup, operation)),
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
