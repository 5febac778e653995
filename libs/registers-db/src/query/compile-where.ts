import type { QueryDialect } from './query-dialect.interface';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { checkPattern, checkScalar, describe, MAX_LIST_LENGTH } from './filter-value';
import { invalidQuery } from './invalid-query';
import { escapeLikeLiteral } from './like-pattern';
import { isQueryNode, type QueryNode } from './query-node';
import { resolveWhereKey } from './resolve-where-key';
import { SqlParams } from './sql-params';
import { hasTextComparison, isTextField, type ComparisonOperator } from './text-comparison';
import type { Where } from './where.types';
import { filterMessages } from '../errors/messages';

const NOTHING = '1 = 0';
const COMPARISONS = { eq: '=', not: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

interface CompileContext {
  meta: ModelMetadata;
  dialect: QueryDialect;
  params: SqlParams;
}

/**
 * The SQL condition (without `WHERE`) for a `where` object or `Q` node, or '' when it
 * filters nothing. Values are added to `params` and appear in the SQL only as
 * placeholders; identifiers come only from the model metadata. Throws InvalidQueryError.
 */
export function compileWhere(
  meta: ModelMetadata,
  where: Where<any> | QueryNode | undefined,
  dialect: QueryDialect,
  params: SqlParams,
): string {
  if (where === undefined) return '';
  return compileFilter({ meta, dialect, params }, where) ?? '';
}

/** `undefined` stands for "always true", so empty groups vanish from their parent. */
function compileFilter(ctx: CompileContext, filter: unknown): string | undefined {
  if (isQueryNode(filter)) return compileNode(ctx, filter);
  return compileWhereObject(ctx, filter);
}

function compileNode(ctx: CompileContext, node: QueryNode): string | undefined {
  switch (node.kind) {
    case 'where':
      return compileWhereObject(ctx, node.where);
    case 'and': {
      const parts = node.children
        .map((c) => compileFilter(ctx, c))
        .filter((p): p is string => p !== undefined);
      return parts.length === 0 ? undefined : joinGroup(parts, 'AND');
    }
    case 'or': {
      if (node.children.length === 0) return NOTHING;
      if (node.children.some(isAlwaysTrue)) {
        // The group is true; its children are still validated, on scratch parameters so
        // that no value is bound for SQL that is then dropped.
        const scratch: CompileContext = { ...ctx, params: new SqlParams(ctx.dialect) };
        for (const child of node.children) compileFilter(scratch, child);
        return undefined;
      }
      return joinGroup(
        node.children.map((c) => compileFilter(ctx, c) as string),
        'OR',
      );
    }
    case 'not': {
      const inner = compileFilter(ctx, node.children[0]);
      return inner === undefined ? NOTHING : `NOT (${inner})`;
    }
  }
}

/** Whether `compileFilter` returns `undefined` ("always true") for `filter`, without compiling it. */
function isAlwaysTrue(filter: unknown): boolean {
  if (isQueryNode(filter)) {
    switch (filter.kind) {
      case 'where':
        return isAlwaysTrue(filter.where);
      case 'and':
        return filter.children.every(isAlwaysTrue);
      case 'or':
        return filter.children.some(isAlwaysTrue);
      case 'not':
        return false;
    }
  }
  return isPlainObject(filter) && Object.keys(filter).length === 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Every compiled piece can be joined with AND as it is (conditions, AND chains, NOT (…)
 * and parenthesized ORs), so callers may append their own `AND …` safely.
 */
function joinGroup(parts: string[], connector: 'AND' | 'OR'): string {
  if (parts.length === 1) return parts[0];
  if (connector === 'AND') return parts.join(' AND ');
  return `(${parts.map((p) => `(${p})`).join(' OR ')})`;
}

function compileWhereObject(ctx: CompileContext, where: unknown): string | undefined {
  if (!isPlainObject(where)) {
    // Also catches `{ __proto__: {...} }` literals, which set the prototype instead of a key.
    throw invalidQuery(ctx.meta, filterMessages.whereNotPlainObject(describe(where)));
  }
  const keys = Object.keys(where);
  if (keys.length === 0) return undefined;
  const parts: string[] = [];
  for (const key of keys) {
    const value = (where as Record<string, unknown>)[key];
    parts.push(compileCondition(ctx, key, value));
  }
  return parts.length === 1 ? parts[0] : parts.join(' AND ');
}

function compileCondition(ctx: CompileContext, key: string, value: unknown): string {
  const { meta, dialect, params } = ctx;
  const { field, operator } = resolveWhereKey(meta, key);
  const column = dialect.quoteIdentifier(field.column);
  const bind = (v: unknown): string => params.add(dialect.toDriver(field, v));
  const textRules = hasTextComparison(dialect) && isTextField(field) ? dialect : undefined;
  const compare = (op: ComparisonOperator, v: unknown): string =>
    textRules ? textRules.compareText(column, op, () => bind(v)) : `${column} ${op} ${bind(v)}`;

  if (value === undefined) {
    throw invalidQuery(meta, filterMessages.undefinedValue(key), field.property, operator);
  }
  switch (operator) {
    case 'eq':
    case 'not':
      if (value === null) return `${column} ${operator === 'eq' ? 'IS NULL' : 'IS NOT NULL'}`;
      if (Array.isArray(value)) {
        throw invalidQuery(
          meta,
          filterMessages.arrayForSingleValue(key, field.property, operator),
          field.property,
          operator,
        );
      }
      checkScalar(meta, field, operator, value);
      return compare(COMPARISONS[operator], value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      checkScalar(meta, field, operator, value);
      return compare(COMPARISONS[operator], value);
    case 'in':
    case 'not_in':
      return compileList(ctx, field, operator, column, value, bind);
    case 'is_null':
      if (typeof value !== 'boolean') {
        throw invalidQuery(
          meta,
          filterMessages.expectsBoolean(key, describe(value)),
          field.property,
          operator,
        );
      }
      return `${column} ${value ? 'IS NULL' : 'IS NOT NULL'}`;
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) {
        throw invalidQuery(meta, filterMessages.expectsTwoBounds(key), field.property, operator);
      }
      checkScalar(meta, field, operator, value[0]);
      checkScalar(meta, field, operator, value[1]);
      if (textRules) return `${compare('>=', value[0])} AND ${compare('<=', value[1])}`;
      return `${column} BETWEEN ${bind(value[0])} AND ${bind(value[1])}`;
    }
    case 'like':
    case 'ilike': {
      const pattern = checkPattern(meta, field, operator, value);
      return dialect.like(column, params.add(pattern), {
        caseInsensitive: operator === 'ilike',
        escape: false,
      });
    }
    case 'contains':
    case 'startswith':
    case 'endswith':
    case 'icontains':
    case 'istartswith':
    case 'iendswith': {
      const literal = escapeLikeLiteral(checkPattern(meta, field, operator, value));
      const caseInsensitive = operator.startsWith('i');
      const kind = caseInsensitive ? operator.slice(1) : operator;
      const pattern =
        kind === 'contains'
          ? `%${literal}%`
          : kind === 'startswith'
            ? `${literal}%`
            : `%${literal}`;
      return dialect.like(column, params.add(pattern), { caseInsensitive, escape: true });
    }
  }
}

/** `in: []` matches no row and `not_in: []` every row; a null in the list matches NULL. */
function compileList(
  ctx: CompileContext,
  field: FieldMetadata,
  operator: 'in' | 'not_in',
  column: string,
  value: unknown,
  bind: (v: unknown) => string,
): string {
  if (!Array.isArray(value)) {
    throw invalidQuery(
      ctx.meta,
      filterMessages.expectsArray(field.property, operator, describe(value)),
      field.property,
      operator,
    );
  }
  if (value.length > MAX_LIST_LENGTH) {
    throw invalidQuery(
      ctx.meta,
      filterMessages.listTooLong(field.property, operator, MAX_LIST_LENGTH),
      field.property,
      operator,
    );
  }
  const items = value.filter((item) => item !== null);
  const hasNull = items.length !== value.length;
  for (const item of items) checkScalar(ctx.meta, field, operator, item);
  const negated = operator === 'not_in';
  if (items.length === 0) {
    if (hasNull) return `${column} ${negated ? 'IS NOT NULL' : 'IS NULL'}`;
    return negated ? '1 = 1' : NOTHING;
  }
  const bindAll = () => items.map(bind);
  const { dialect } = ctx;
  const test =
    hasTextComparison(dialect) && isTextField(field)
      ? dialect.textInList(column, negated, bindAll)
      : `${column} ${negated ? 'NOT IN' : 'IN'} (${bindAll().join(', ')})`;
  if (!hasNull) return test;
  return negated ? `${test} AND ${column} IS NOT NULL` : `((${test}) OR ${column} IS NULL)`;
}
