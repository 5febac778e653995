import { ConfigurationError } from '../errors';
import { crudMessages } from '../errors/messages';
import type { FieldMetadata, ModelMetadata } from '../interfaces/model-metadata.interface';
import { getModelMetadata } from '../metadata/model-metadata.factory';
import { OPERATOR_SEPARATOR, type QueryOperator } from '../query/operators';
import { CRUD_OPERATIONS, type CrudOperation, type CrudResource } from './crud-options.interface';
import { operatorsFor } from './filter-operators';
import { PAGE_PARAMETERS } from './page-parameters';

/** One query parameter of a list: `price__gte` is field `price`, operator `gte`. */
export interface ListFilter {
  parameter: string;
  field: FieldMetadata;
  operator: QueryOperator;
}

/** A resource with its options checked and resolved against the model. */
export interface ResolvedResource {
  options: CrudResource;
  meta: ModelMetadata;
  operations: ReadonlySet<CrudOperation>;
  /** Allowed filters by query parameter name. */
  filters: ReadonlyMap<string, ListFilter>;
  sortable: readonly string[];
  /** The order of a list without `orderBy` (before the key is appended). */
  defaultOrder: readonly string[];
  maxLimit: number;
}

export const DEFAULT_LIMIT = 20;
const DEFAULT_MAX_LIMIT = 100;

/** `price` for eq, `price__gte` for the others. */
export const parameterName = (field: string, operator: QueryOperator) =>
  operator === 'eq' ? field : `${field}${OPERATOR_SEPARATOR}${operator}`;

function fieldOf(meta: ModelMetadata, option: string, name: string): FieldMetadata {
  const field = meta.fieldsByProperty.get(name);
  const fail = (message: string) =>
    new ConfigurationError(message, { model: meta.name, field: name });
  if (!field) throw fail(crudMessages.unknownField(meta.name, option, name));
  if (field.hashPassword || field.encrypted)
    throw fail(crudMessages.secretField(meta.name, option, name));
  return field;
}

function checkedFilter(
  meta: ModelMetadata,
  option: string,
  parameter: string,
  name: string,
  operator: QueryOperator,
): ListFilter {
  const field = fieldOf(meta, option, name);
  const supported = operatorsFor(field);
  if (!supported.includes(operator)) {
    throw new ConfigurationError(
      crudMessages.operatorNotForType(meta.name, name, operator, supported),
      { model: meta.name, field: name, operator },
    );
  }
  return { parameter, field, operator };
}

/** `filters: { minPrice: 'price__gte' }`: each alias is a filter of its own name. */
function resolveAliases(meta: ModelMetadata, options: CrudResource, into: Map<string, ListFilter>) {
  for (const [alias, target] of Object.entries(options.filters ?? {})) {
    const at = target.lastIndexOf(OPERATOR_SEPARATOR);
    const name = at < 0 ? target : target.slice(0, at);
    const operator = (
      at < 0 ? 'eq' : target.slice(at + OPERATOR_SEPARATOR.length)
    ) as QueryOperator;
    if (into.has(alias) || (PAGE_PARAMETERS as readonly string[]).includes(alias)) {
      throw new ConfigurationError(crudMessages.aliasTaken(meta.name, alias), {
        model: meta.name,
        field: name,
      });
    }
    into.set(alias, checkedFilter(meta, 'filters', alias, name, operator));
  }
}

function resolveFilters(meta: ModelMetadata, options: CrudResource): Map<string, ListFilter> {
  const filters = new Map<string, ListFilter>();
  const declared = options.filterable ?? [];
  const entries: Array<[string, readonly QueryOperator[] | undefined]> = Array.isArray(declared)
    ? (declared as string[]).map((name) => [name, undefined])
    : Object.entries(declared as Record<string, readonly QueryOperator[]>);
  for (const [name, wanted] of entries) {
    const supported = operatorsFor(fieldOf(meta, 'filterable', name));
    for (const operator of wanted ?? supported) {
      const parameter = parameterName(name, operator);
      filters.set(parameter, checkedFilter(meta, 'filterable', parameter, name, operator));
    }
  }
  resolveAliases(meta, options, filters);
  return filters;
}

function resolveDefaultOrder(meta: ModelMetadata, options: CrudResource, sortable: string[]) {
  const declared = options.defaultOrder ?? [];
  const names = typeof declared === 'string' ? declared.split(',') : [...declared];
  for (const name of names) {
    const field = name.startsWith('-') ? name.slice(1) : name;
    if (!sortable.includes(field)) {
      throw new ConfigurationError(crudMessages.unsortedDefaultOrder(meta.name, field, sortable), {
        model: meta.name,
        field,
      });
    }
  }
  return names;
}

/** Checks a resource's options against its model; every mistake is a ConfigurationError at startup. */
export function resolveResource(options: CrudResource): ResolvedResource {
  const meta = getModelMetadata(options.model);
  const operations = new Set(options.operations ?? CRUD_OPERATIONS);
  for (const op of operations) {
    if (!(CRUD_OPERATIONS as readonly string[]).includes(op)) {
      throw new ConfigurationError(crudMessages.unknownOperation(meta.name, op, CRUD_OPERATIONS), {
        model: meta.name,
      });
    }
  }
  const sortable = [meta.key];
  for (const name of options.sortable ?? []) {
    fieldOf(meta, 'sortable', name);
    if (!sortable.includes(name)) sortable.push(name);
  }
  return {
    options,
    meta,
    operations,
    filters: resolveFilters(meta, options),
    sortable,
    defaultOrder: resolveDefaultOrder(meta, options, sortable),
    maxLimit: options.maxLimit ?? DEFAULT_MAX_LIMIT,
  };
}
