import { SqlParams } from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { chunked } from '../chunking';
import type { FullTableOptions, KeyValue } from '../manager-options.interface';
import type { BatchInserter } from './batch-inserter';
import type { BulkUpserts } from './bulk-upserts';
import type { ModelContext } from './model-context';
import type { WhereWrites } from './where-writes';

/** What bulk deletes by filter call back into: the public deleteWhere (which runs hooks). */
export interface DeleteWhereWithEffects<T> {
  deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number>;
}

/** Writes of many rows, without hooks or audit rows (see HookedWrites). */
export class BulkWrites<T extends object> {
  constructor(
    private readonly ctx: ModelContext<T>,
    private readonly inserter: BatchInserter<T>,
    private readonly upserts: BulkUpserts<T>,
    private readonly whereWrites: WhereWrites<T>,
    private readonly api: DeleteWhereWithEffects<T>,
  ) {}

  async bulkCreate(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    const ctx: ModelContext<T> = this.ctx;
    const operation = 'bulkCreate';
    ctx.assertRows(rows, operation);
    if (rows.length === 0) return [];
    if (ctx.tenancy.field) rows = rows.map((row) => ctx.tenancy.fill(row, operation));
    const produce = (start: number, end: number): T[] | Promise<T[]> => {
      const chunk: T[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const built = ctx.validator.build(rows[i], { operation, rowIndex: i });
        if (built instanceof Promise) return this.produceAsync(rows, start, end, operation);
        chunk[i - start] = built;
      }
      if (!ctx.passwords.any && !ctx.encrypted.any) return chunk;
      return this.protect(chunk, operation);
    };
    return (await this.inserter.insert(rows.length, produce, operation)) as ManagedRecord<T>[];
  }

  /** The chunk when some row validates asynchronously (async rules). */
  private async produceAsync(
    rows: Array<Partial<T>>,
    start: number,
    end: number,
    operation: string,
  ): Promise<T[]> {
    const chunk: T[] = [];
    for (let i = start; i < end; i++)
      chunk.push(await this.ctx.validator.build(rows[i], { operation, rowIndex: i }));
    return this.protect(chunk, operation);
  }

  /** Hashes password fields and encrypts encrypted fields of a chunk. */
  private async protect(chunk: T[], operation: string): Promise<T[]> {
    await this.ctx.passwords.hashAll(chunk as any[]);
    await this.ctx.seal(chunk, operation);
    return chunk;
  }

  async bulkUpsert(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    this.ctx.assertRows(rows, 'bulkUpsert');
    if (rows.length === 0) return [];
    return this.upserts.upsertMany(rows, 'bulkUpsert');
  }

  async bulkDelete(
    keysOrWhere: KeyValue[] | Filter<T>,
    options?: FullTableOptions,
  ): Promise<number> {
    const { ctx } = this;
    if (!Array.isArray(keysOrWhere)) return this.api.deleteWhere(keysOrWhere, options);
    if (keysOrWhere.length === 0) return 0;
    if (ctx.tenancy.field) {
      keysOrWhere.forEach((key) => ctx.keyParam(key, 'bulkDelete'));
      return this.whereWrites.deleteWhere({ [`${ctx.meta.key}__in`]: keysOrWhere } as Filter<T>);
    }
    const params = keysOrWhere.map((key) => ctx.keyParam(key, 'bulkDelete'));
    const keyCol = ctx.dialect.quoteIdentifier(ctx.statements.keyColumn);
    return ctx.transaction(async () => {
      let deleted = 0;
      for (const chunk of chunked(params, ctx.keysPerStatement())) {
        const sqlParams = new SqlParams(ctx.dialect);
        const { deletedAtField, table, live } = ctx.statements;
        const head = deletedAtField
          ? `UPDATE ${table} SET ${ctx.dialect.quoteIdentifier(deletedAtField.column)} = ${sqlParams.add(ctx.dialect.toDriver(deletedAtField, new Date()))}`
          : `DELETE FROM ${table}`;
        const list = chunk.map((k) => sqlParams.add(k)).join(', ');
        const liveOnly = live ? ` AND ${live}` : '';
        const result = await ctx.execute(
          'bulkDelete',
          `${head} WHERE ${keyCol} IN (${list})${liveOnly}`,
          sqlParams.values,
        );
        deleted += result.affected;
      }
      return deleted;
    });
  }
}
