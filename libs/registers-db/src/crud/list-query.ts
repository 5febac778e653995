import { InvalidQueryError } from '../errors';
import { crudMessages, queryMessages } from '../errors/messages';
import { LIST_OPERATORS } from './filter-operators';
import { DEFAULT_LIMIT, type ListFilter, type ResolvedResource } from './crud-resource';
import { expectedText, queryValue } from './query-values';

import { PAGE_PARAMETERS } from './page-parameters';

export { PAGE_PARAMETERS };

export interface ListQuery {
  where: Record<string, unknown>;
  orderBy: string[];
  limit: number;
  offset: number;
  /** Keyset paging: '' for the first page, else the previous page's `nextCursor`. */
  cursor?: string;
}

type RawQuery = Record<string, string | string[] | undefined>;

/** Most rows an offset may skip (a 32-bit signed integer on every dialect). */
const MAX_OFFSET = 2147483647;

function refuse(resource: ResolvedResource, message: string, parameter: string): InvalidQueryError {
  return new InvalidQueryError(queryMessages.modelProblem(resource.meta.name, message), {
    model: resource.meta.name,
    operation: 'list',
    field: parameter,
  });
}

function single(resource: ResolvedResource, parameter: string, raw: string | string[]): string {
  if (Array.isArray(raw)) {
    if (raw.length === 1) return raw[0];
    throw refuse(resource, crudMessages.repeatedParameter(parameter), parameter);
  }
  return raw;
}

function operand(resource: ResolvedResource, filter: ListFilter, raw: string | string[]): unknown {
  const { field, operator, parameter } = filter;
  const bad = (expected: string) =>
    refuse(resource, crudMessages.filterValue(parameter, expected), parameter);
  if (operator === 'is_null') {
    const text = single(resource, parameter, raw);
    if (text !== 'true' && text !== 'false') throw bad('true or false');
    return text === 'true';
  }
  if (LIST_OPERATORS.has(operator)) {
    const items = (Array.isArray(raw) ? raw : [raw]).flatMap((t) => t.split(','));
    const values = items.map((t) => queryValue(field, t));
    const expected = `a comma-separated list of ${expectedText(field)} values`;
    if (values.some((v) => v === undefined)) throw bad(expected);
    if (operator === 'between' && values.length !== 2)
      throw bad(`two values (${expectedText(field)}), comma-separated`);
    return values;
  }
  const value = queryValue(field, single(resource, parameter, raw));
  if (value === undefined) throw bad(expectedText(field));
  return value;
}

function pageNumber(
  resource: ResolvedResource,
  name: string,
  raw: RawQuery[string],
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const text = single(resource, name, raw);
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw refuse(resource, crudMessages.pageParameter(name, max), name);
  return value;
}

function orderBy(resource: ResolvedResource, raw: RawQuery[string]): string[] {
  const { meta, sortable } = resource;
  const names =
    raw === undefined ? [...resource.defaultOrder] : single(resource, 'orderBy', raw).split(',');
  for (const name of names) {
    const field = name.startsWith('-') ? name.slice(1) : name;
    if (!sortable.includes(field))
      throw refuse(resource, crudMessages.sortNotAllowed(field, sortable), 'orderBy');
  }
  // The key ends every ordering, so pages never overlap or skip rows.
  const byKey = names.some((n) => n === meta.key || n === `-${meta.key}`);
  return byKey ? names : [...names, meta.key];
}

/**
 * A list request's query string as a manager query. Only the resource's filters and the page
 * parameters are accepted: anything else is an InvalidQueryError naming it, never ignored.
 */
export function parseListQuery(resource: ResolvedResource, query: RawQuery): ListQuery {
  const where: Record<string, unknown> = {};
  for (const [parameter, raw] of Object.entries(query)) {
    if (raw === undefined || (PAGE_PARAMETERS as readonly string[]).includes(parameter)) continue;
    const filter = resource.filters.get(parameter);
    if (!filter) {
      throw refuse(
        resource,
        crudMessages.filterNotAllowed(parameter, [...resource.filters.keys()]),
        parameter,
      );
    }
    where[`${filter.field.property}__${filter.operator}`] = operand(resource, filter, raw);
  }
  const list: ListQuery = {
    where,
    orderBy: orderBy(resource, query.orderBy),
    limit: pageNumber(resource, 'limit', query.limit, DEFAULT_LIMIT, 1, resource.maxLimit),
    offset: pageNumber(resource, 'offset', query.offset, 0, 0, MAX_OFFSET),
  };
  if (query.cursor !== undefined) {
    if (query.offset !== undefined)
      throw refuse(resource, crudMessages.cursorWithOffset(), 'cursor');
    list.cursor = single(resource, 'cursor', query.cursor);
  }
  return list;
}
