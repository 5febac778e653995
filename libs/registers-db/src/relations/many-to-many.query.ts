import { selectedColumn } from '../dialects/base/selected-column';
import type { Dialect } from '../dialects/base/dialect.interface';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { compileOrderBy } from '../query/compile-order-by';
import { SqlParams } from '../query/sql-params';
import type { ResolvedRelation } from './resolve-relation';

/** Extra columns of a joined many-to-many row: the parent key and the join row's key. */
export const SOURCE_ALIAS = '__registers_source';
export const JOIN_ORDER_ALIAS = '__registers_join_order';

/**
 * The one statement that loads many-to-many targets with the parent key of each link:
 * target columns plus the join model's source key, inner-joined (so links to missing
 * targets drop out), ordered by the relation's orderBy and then by join row. Identifiers
 * come from model metadata; the parent keys are bound parameters.
 */
export function manyToManySql(
  relation: ResolvedRelation,
  target: ModelMetadata,
  through: ModelMetadata,
  dialect: Dialect,
  parentKeys: unknown[],
): { sql: string; params: unknown[] } {
  const q = (identifier: string) => dialect.quoteIdentifier(identifier);
  const params = new SqlParams(dialect);
  const list = parentKeys
    .map((key) => params.add(dialect.toDriver(relation.matchField, key)))
    .join(', ');
  const throughKey = through.fieldsByProperty.get(through.key)!;
  const columns = target.fields.map((f) => `t.${q(f.column)}`);
  columns.push(
    `j.${q(relation.matchField.column)} AS ${q(SOURCE_ALIAS)}`,
    `j.${q(throughKey.column)} AS ${q(JOIN_ORDER_ALIAS)}`,
  );
  const inner =
    `SELECT ${columns.join(', ')} FROM ${q(target.table)} AS t` +
    ` INNER JOIN ${q(through.table)} AS j ON j.${q(relation.joinTargetField!.column)} = t.${q(relation.targetKeyField!.column)}` +
    ` WHERE j.${q(relation.matchField.column)} IN (${list})`;
  const definition = relation.definition;
  const orderBy = definition.kind === 'many-to-many' ? definition.orderBy : undefined;
  const order =
    orderBy === undefined
      ? ''
      : compileOrderBy(target, orderBy, dialect).replace(/^ ORDER BY /, '');
  const outer = [...target.fields.map((f) => selectedColumn(dialect, f)), q(SOURCE_ALIAS)].join(
    ', ',
  );
  const sql = `SELECT ${outer} FROM (${inner}) AS x ORDER BY ${order ? `${order}, ` : ''}${q(JOIN_ORDER_ALIAS)}`;
  return { sql, params: params.values };
}
