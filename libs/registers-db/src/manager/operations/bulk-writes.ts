import { SqlParams } from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { chunked } from '../chunking';
import type { ModelContext } from '../context/model-context';
import type { ModelFacts } from '../context/model-facts';
import { ModelOperation } from '../context/model-operation';
import type { FullTableOptions, KeyValue } from '../manager-options.interface';
import type { BatchInserter } from './batch-inserter';
import type { BulkUpserts } from './bulk-upserts';
import type { WhereWrites } from './where-writes';

/** What bulk deletes by filter call back into: the public deleteWhere (which runs hooks). */
export interface DeleteWhereWithEffects<T> {
  deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number>;
}

/** Writes of many rows, without hooks or audit rows (see HookedWrites). */
export class BulkWrites<T extends object> extends ModelOperation<T> {
  constructor(
    ctx: ModelContext<T>,
    private readonly inserter: BatchInserter<T>,
    private readonly upserts: BulkUpserts<T>,
    private readonly whereWrites: WhereWrites<T>,
    private readonly api: DeleteWhereWithEffects<T>,
  ) {
    super(ctx);
  }

  async bulkCreate(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    const model: ModelFacts<T> = this.model;
    const operation = 'bulkCreate';
    model.assertRows(rows, operation);
    if (rows.length === 0) return [];
    if (model.tenancy.field) rows = rows.map((row) => model.tenancy.fill(row, operation));
    const produce = (start: number, end: number): T[] | Promise<T[]> => {
      const chunk: T[] = new Array(end - start);
      for (let i = start; i < end; i++) {
        const built = model.validator.build(rows[i], { operation, rowIndex: i });
        if (built instanceof Promise) return this.produceAsync(rows, start, end, operation);
        chunk[i - start] = built;
      }
      if (!model.passwords.any && !model.encrypted.any) return chunk;
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
      chunk.push(await this.model.validator.build(rows[i], { operation, rowIndex: i }));
    return this.protect(chunk, operation);
  }

  /** Hashes password fields and encrypts encrypted fields of a chunk. */
  private async protect(chunk: T[], operation: string): Promise<T[]> {
    await this.model.passwords.hashAll(chunk as any[]);
    await this.model.seal(chunk, operation);
    return chunk;
  }

  async bulkUpsert(rows: Array<Partial<T>>): Promise<ManagedRecord<T>[]> {
    this.model.assertRows(rows, 'bulkUpsert');
    if (rows.length === 0) return [];
    return this.upserts.upsertMany(rows, 'bulkUpsert');
  }

  async bulkDelete(
    keysOrWhere: KeyValue[] | Filter<T>,
    options?: FullTableOptions,
  ): Promise<number> {
    const { model, table, run } = this;
    if (!Array.isArray(keysOrWhere)) return this.api.deleteWhere(keysOrWhere, options);
    if (keysOrWhere.length === 0) return 0;
    if (model.tenancy.field) {
      keysOrWhere.forEach((key) => model.keyParam(key, 'bulkDelete'));
      return this.whereWrites.deleteWhere({ [`${model.meta.key}__in`]: keysOrWhere } as Filter<T>);
    }
    const params = keysOrWhere.map((key) => model.keyParam(key, 'bulkDelete'));
    const keyCol = model.dialect.quoteIdentifier(table.statements.keyColumn);
    return run.transaction(async () => {
      let deleted = 0;
      for (const chunk of chunked(params, model.keysPerStatement())) {
        const sqlParams = new SqlParams(model.dialect);
        const { deletedAtField, table: tableName, live } = table.statements;
        const head = deletedAtField
          ? `UPDATE ${tableName} SET ${model.dialect.quoteIdentifier(deletedAtField.column)} = ${sqlParams.add(model.dialect.toDriver(deletedAtField, new Date()))}`
          : `DELETE FROM ${tableName}`;
        const list = chunk.map((k) => sqlParams.add(k)).join(', ');
        const liveOnly = live ? ` AND ${live}` : '';
        const result = await run.execute(
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
