import { InvalidQueryError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import type { FieldMetadata } from '../../interfaces/model-metadata.interface';
import { SqlParams } from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { chunked } from '../chunking';
import { ModelOperation } from '../context/model-operation';
import type { FullTableOptions, KeyValue } from '../manager-options.interface';

/** Writes of every row matching a filter, without hooks or audit rows (see HookedWrites). */
export class WhereWrites<T extends object> extends ModelOperation<T> {
  /** Keys of the rows matching `where` (live ones, or with `deleted` the deleted ones). */
  async keysWhere(
    where: Filter<T>,
    options: FullTableOptions | undefined,
    operation: string,
    deleted = false,
  ): Promise<KeyValue[]> {
    const { model, table, run, filters } = this;
    const params = new SqlParams(model.dialect);
    let whereSql = filters.where(where, params, operation, {
      guard: options ?? null,
      includeDeleted: deleted,
    });
    if (deleted) {
      const column = model.dialect.quoteIdentifier(table.statements.deletedAtField!.column);
      whereSql = whereSql
        ? `${whereSql} AND ${column} IS NOT NULL`
        : ` WHERE ${column} IS NOT NULL`;
    }
    const keyColumn = table.statements.keyColumn;
    const rows = await run.query(
      operation,
      `SELECT ${model.dialect.quoteIdentifier(keyColumn)} FROM ${table.statements.table}${whereSql}`,
      params.values,
    );
    return rows.map((r) => model.dialect.fromDriver(model.keyField, r[keyColumn]) as KeyValue);
  }

  async updateWhere(
    where: Filter<T>,
    changes: Partial<T>,
    options?: FullTableOptions,
  ): Promise<ManagedRecord<T>[]> {
    const { model, table, run, filters } = this;
    const operation = 'updateWhere';
    if (model.tenancy.field) changes = model.tenancy.fill(changes, operation);
    const checked = await model.validator.checkChanges(changes, { operation });
    if (model.passwords.any) await model.passwords.hashInto(checked);
    if (Object.keys(checked).length === 0) {
      throw new InvalidQueryError(
        queryMessages.updateNeedsChange(model.meta.name),
        model.context(operation),
      );
    }
    model.touch(checked);
    await model.seal([checked], operation);
    const fields = Object.keys(checked)
      .map((p) => model.meta.fieldsByProperty.get(p))
      .filter(Boolean) as FieldMetadata[];
    if (fields.length === 0) {
      throw new InvalidQueryError(
        queryMessages.updateNoStoredField(model.meta.name),
        model.context(operation),
      );
    }
    const setClause = (params: SqlParams) =>
      fields
        .map(
          (f) =>
            `${model.dialect.quoteIdentifier(f.column)} = ${params.add(model.dialect.toDriver(f, model.encrypted.bound(checked, f)))}`,
        )
        .join(', ');
    if (model.dialect.updateReturning) {
      const params = new SqlParams(model.dialect);
      const set = setClause(params);
      const whereSql = filters.where(where, params, operation, { guard: options ?? null });
      const rows = await run.query(
        operation,
        `UPDATE ${table.statements.table} SET ${set}${whereSql} RETURNING ${table.statements.selectList}`,
        params.values,
        true,
      );
      return model.reveal(rows.map(model.hydrate) as ManagedRecord<T>[], operation);
    }
    // Without UPDATE … RETURNING: lock the matching keys, update them, read them back.
    const probe = new SqlParams(model.dialect);
    const whereSql = filters.where(where, probe, operation, { guard: options ?? null });
    return run.transaction(async () => {
      const keyCol = model.dialect.quoteIdentifier(table.statements.keyColumn);
      const keyRows = await run.query(
        operation,
        `SELECT ${keyCol} FROM ${table.statements.table}${whereSql} FOR UPDATE`,
        probe.values,
      );
      if (keyRows.length === 0) return [];
      const keys = keyRows.map((r) => r[table.statements.keyColumn]);
      const records: ManagedRecord<T>[] = [];
      for (const chunk of chunked(keys, model.keysPerStatement(fields.length))) {
        const updateParams = new SqlParams(model.dialect);
        const set = setClause(updateParams);
        const inList = chunk.map((k) => updateParams.add(k)).join(', ');
        await run.execute(
          operation,
          `UPDATE ${table.statements.table} SET ${set} WHERE ${keyCol} IN (${inList})`,
          updateParams.values,
        );
        const readParams = new SqlParams(model.dialect);
        const readList = chunk.map((k) => readParams.add(k)).join(', ');
        const rows = await run.query(
          operation,
          `${table.statements.selectFrom} WHERE ${keyCol} IN (${readList})`,
          readParams.values,
        );
        for (const row of rows) records.push(model.hydrate(row) as ManagedRecord<T>);
      }
      return model.reveal(records, operation);
    });
  }

  /** Deletes (soft-delete models: marks deleted) every row matching `where`; returns how many. */
  async deleteWhere(where: Filter<T>, options?: FullTableOptions): Promise<number> {
    const { model, table, run, filters } = this;
    const operation = 'deleteWhere';
    const params = new SqlParams(model.dialect);
    const { deletedAtField } = table.statements;
    const set = deletedAtField
      ? ` SET ${model.dialect.quoteIdentifier(deletedAtField.column)} = ${params.add(model.dialect.toDriver(deletedAtField, new Date()))}`
      : '';
    const whereSql = filters.where(where, params, operation, { guard: options ?? null });
    const sql = deletedAtField
      ? `UPDATE ${table.statements.table}${set}${whereSql}`
      : `DELETE FROM ${table.statements.table}${whereSql}`;
    return (await run.execute(operation, sql, params.values)).affected;
  }

  /** Soft-delete models: removes deleted rows for good (only those deleted before `before`, if given). */
  async purgeDeleted(options: { before?: Date } = {}): Promise<number> {
    const { model, table, run } = this;
    const { deletedAtField } = table.requireSoftDelete('purgeDeleted');
    const q = (id: string) => model.dialect.quoteIdentifier(id);
    const column = q(deletedAtField!.column);
    const params = new SqlParams(model.dialect);
    let sql = `DELETE FROM ${table.statements.table} WHERE ${column} IS NOT NULL`;
    const tenant = model.tenancy.current('purgeDeleted');
    if (tenant) {
      const field = model.tenancy.field!;
      sql += ` AND ${q(field.column)} = ${params.add(model.dialect.toDriver(field, tenant.value))}`;
    }
    if (options.before !== undefined) {
      if (!(options.before instanceof Date) || Number.isNaN(options.before.getTime())) {
        throw new InvalidQueryError(
          queryMessages.purgeBeforeNotDate(model.meta.name),
          model.context('purgeDeleted'),
        );
      }
      sql += ` AND ${column} < ${params.add(model.dialect.toDriver(deletedAtField!, options.before))}`;
    }
    return (await run.execute('purgeDeleted', sql, params.values)).affected;
  }
}
