import { InvalidQueryError } from '../../errors';
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import { SqlParams } from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { chunked } from '../chunking';
import type { FullTableOptions, KeyValue } from '../manager-options.interface';
import type { ModelContext } from './model-context';

/** Writes of every row matching a filter, without hooks or audit rows (see HookedWrites). */
export class WhereWrites<T extends object> {
  constructor(private readonly ctx: ModelContext<T>) {}

  /** Keys of the rows matching `where` (live ones, or with `deleted` the deleted ones). */
  async keysWhere(
    where: Filter<T>,
    options: FullTableOptions | undefined,
    operation: string,
    deleted = false,
  ): Promise<KeyValue[]> {
    const { ctx } = this;
    const params = new SqlParams(ctx.dialect);
    let whereSql = ctx.filters.where(where, params, operation, {
      guard: options ?? null,
      includeDeleted: deleted,
    });
    if (deleted) {
      const column = ctx.dialect.quoteIdentifier(ctx.statements.deletedAtField!.column);
      whereSql = whereSql
        ? `${whereSql} AND ${column} IS NOT NULL`
        : ` WHERE ${column} IS NOT NULL`;
    }
    const keyColumn = ctx.statements.keyColumn;
    const rows = await ctx.query(
      operation,
      `SELECT ${ctx.dialect.quoteIdentifier(keyColumn)} FROM ${ctx.statements.table}${whereSql}`,
      params.values,
    );
    return rows.map((r) => ctx.dialect.fromDriver(ctx.keyField, r[keyColumn]) as KeyValue);
  }

  async updateWhere(
    where: Filter<T>,
    changes: Partial<T>,
    options?: FullTableOptions,
  ): Promise<ManagedRecord<T>[]> {
    const { ctx } = this;
    const operation = 'updateWhere';
    if (ctx.tenancy.field) changes = ctx.tenancy.fill(changes, operation);
    const checked = await ctx.validator.checkChanges(changes, { operation });
    if (ctx.passwords.any) await ctx.passwords.hashInto(checked);
    if (Object.keys(checked).length === 0) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.updateWhere needs at least one change`,
        ctx.context(operation),
      );
    }
    ctx.touch(checked);
    await ctx.seal([checked], operation);
    const fields = Object.keys(checked)
      .map((p) => ctx.meta.fieldsByProperty.get(p))
      .filter(Boolean) as FieldMetadata[];
    if (fields.length === 0) {
      throw new InvalidQueryError(
        `${ctx.meta.name}.updateWhere: no stored field among the changes`,
        ctx.context(operation),
      );
    }
    const setClause = (params: SqlParams) =>
      fields
        .map(
          (f) =>
            `${ctx.dialect.quoteIdentifier(f.column)} = ${params.add(ctx.dialect.toDriver(f, ctx.encrypted.bound(checked, f)))}`,
        )
        .join(', ');
    if (ctx.dialect.updateReturning) {
      const params = new SqlParams(ctx.dialect);
      const set = setClause(params);
      const whereSql = ctx.filters.where(where, params, operation, { guard: options ?? null });
      const rows = await ctx.query(
        operation,
        `UPDATE ${ctx.statements.table} SET ${set}${whereSql} RETURNING ${ctx.statements.selectList}`,
        params.values,
        true,
      );
      return ctx.reveal(rows.map(ctx.hydrate) as ManagedRecord<T>[], operation);
    }
    // Without UPDATE … RETURNING: lock the matching keys, update them, read them back.
    const probe = new SqlParams(ctx.dialect);
    const whereSql = ctx.filters.where(where, probe, operation, { guard: options ?? null });
    return ctx.transaction(async () => {
      const keyCol = ctx.dialect.quoteIdentifier(ctx.statements.keyColumn);
      const keyRows = await ctx.query(
        operation,
        `SELECT ${keyCol} FROM ${ctx.statements.table}${whereSql} FOR UPDATE`,
        probe.values,
      );
      if (keyRows.length === 0) return [];
      const keys = keyRows.map((r) => r[ctx.statements.keyColumn]);
      const records: ManagedRecord<T>[] = [];
      for (const chunk of chunked(keys, ctx.keysPerStatement(fields.length))) {
        const updateParams = new SqlParams(ctx.dialect);
        const set = setClause(updateParams);
        const inList = chunk.map((k) => updateParams.add(k)).join(', ');
        await ctx.execute(
          operation,
          `UPDATE ${ctx.statements.table} SET ${set} WHERE ${keyCol} IN (${inList})`,
          updateParams.values,
        );
        const readParams = new SqlParams(ctx.dialect);
        const readList = chunk.map((k) => readParams.add(k)).join(', ');
        const rows = await ctx.query(
          operation,
          `${ctx.statements.selectFrom} WHERE ${keyCol} IN (${readList})`,
          readParams.values,
        );
        for (const row of rows) records.push(ctx.hydrate(row) as ManagedRecord<T>);
      }
      return ctx.reveal(records, operation);
    });
  }

  /** Deletes (soft-delete models: marks deleted) every row matching `where`; returns how many. */
  async deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number> {
    const { ctx } = this;
    const operation = 'deleteWhere';
    const params = new SqlParams(ctx.dialect);
    const { deletedAtField } = ctx.statements;
    const set = deletedAtField
      ? ` SET ${ctx.dialect.quoteIdentifier(deletedAtField.column)} = ${params.add(ctx.dialect.toDriver(deletedAtField, new Date()))}`
      : '';
    const whereSql = ctx.filters.where(where, params, operation, { guard: options ?? null });
    const sql = deletedAtField
      ? `UPDATE ${ctx.statements.table}${set}${whereSql}`
      : `DELETE FROM ${ctx.statements.table}${whereSql}`;
    return (await ctx.execute(operation, sql, params.values)).affected;
  }

  /** Soft-delete models: removes deleted rows for good (only those deleted before `before`, if given). */
  async purgeDeleted(options: { before?: Date } = {}): Promise<number> {
    const { ctx } = this;
    const { deletedAtField } = ctx.requireSoftDelete('purgeDeleted');
    const q = (id: string) => ctx.dialect.quoteIdentifier(id);
    const column = q(deletedAtField!.column);
    const params = new SqlParams(ctx.dialect);
    let sql = `DELETE FROM ${ctx.statements.table} WHERE ${column} IS NOT NULL`;
    const tenant = ctx.tenancy.current('purgeDeleted');
    if (tenant) {
      const field = ctx.tenancy.field!;
      sql += ` AND ${q(field.column)} = ${params.add(ctx.dialect.toDriver(field, tenant.value))}`;
    }
    if (options.before !== undefined) {
      if (!(options.before instanceof Date) || Number.isNaN(options.before.getTime())) {
        throw new InvalidQueryError(
          `${ctx.meta.name}.purgeDeleted: before must be a valid Date`,
          ctx.context('purgeDeleted'),
        );
      }
      sql += ` AND ${column} < ${params.add(ctx.dialect.toDriver(deletedAtField!, options.before))}`;
    }
    return (await ctx.execute('purgeDeleted', sql, params.values)).affected;
  }
}
