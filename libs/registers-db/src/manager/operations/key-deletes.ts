import type { Filter } from '../../query/query-node';
import { SqlParams } from '../../query';
import type { ModelContext } from '../context/model-context';
import { ModelOperation } from '../context/model-operation';
import type { KeyValue } from '../manager-options.interface';
import type { WhereWrites } from './where-writes';

/**
 * Deletes and restores of one key, without hooks or audit rows (see HookedWrites). With a
 * tenant field they go through a WHERE that names the tenant.
 */
export class KeyDeletes<T extends object> extends ModelOperation<T> {
  constructor(
    ctx: ModelContext<T>,
    private readonly whereWrites: WhereWrites<T>,
  ) {
    super(ctx);
  }

  async delete(key: KeyValue): Promise<boolean> {
    const { model, table, run } = this;
    const param = model.keyParam(key, 'delete');
    if (model.tenancy.field)
      return (await this.whereWrites.deleteWhere({ [model.meta.key]: key } as Filter<T>)) > 0;
    const { softDeleteByKey, deletedAtField } = table.statements;
    const result = softDeleteByKey
      ? await run.execute('delete', softDeleteByKey, [
          model.dialect.toDriver(deletedAtField!, new Date()),
          param,
        ])
      : await run.execute('delete', table.statements.deleteByKey, [param]);
    return result.affected > 0;
  }

  async hardDelete(key: KeyValue): Promise<boolean> {
    const { model, table, run, filters } = this;
    const param = model.keyParam(key, 'hardDelete');
    if (!model.tenancy.field) {
      return (await run.execute('hardDelete', table.statements.deleteByKey, [param])).affected > 0;
    }
    const params = new SqlParams(model.dialect);
    const whereSql = filters.where({ [model.meta.key]: key } as Filter<T>, params, 'hardDelete', {
      includeDeleted: true,
    });
    const sql = `DELETE FROM ${table.statements.table}${whereSql}`;
    return (await run.execute('hardDelete', sql, params.values)).affected > 0;
  }

  async restore(key: KeyValue): Promise<boolean> {
    const { model, table, run, filters } = this;
    const sql = table.requireSoftDelete('restore').restoreByKey!;
    const param = model.keyParam(key, 'restore');
    if (!model.tenancy.field) return (await run.execute('restore', sql, [param])).affected > 0;
    const column = model.dialect.quoteIdentifier(table.statements.deletedAtField!.column);
    const params = new SqlParams(model.dialect);
    const whereSql = filters.where({ [model.meta.key]: key } as Filter<T>, params, 'restore', {
      includeDeleted: true,
    });
    const restore = `UPDATE ${table.statements.table} SET ${column} = NULL${whereSql} AND ${column} IS NOT NULL`;
    return (await run.execute('restore', restore, params.values)).affected > 0;
  }
}
