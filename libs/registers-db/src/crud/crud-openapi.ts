import { ApiProperty, ApiQuery, getSchemaPath } from '@nestjs/swagger';
import { fieldSchema } from '../swagger/field-schema';
import {
  DEFAULT_LIMIT,
  type ListFilter,
  parameterName,
  type ResolvedResource,
} from './crud-resource';
import { LIST_OPERATORS } from './filter-operators';
import { integerKeyRange } from './key-range';

/** The error body of RegistersExceptionFilter, for the documented 400/404/409 answers. */
export class RegistersErrorResponse {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'ValidationError' }) error!: string;
  @ApiProperty() message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, required: false } as never)
  context?: Record<string, unknown>;
}

const DESCRIPTIONS: Record<string, string> = {
  eq: 'equals',
  not: 'differs from',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  in: 'one of (comma-separated)',
  not_in: 'none of (comma-separated)',
  between: 'from and to, inclusive (two comma-separated values)',
  is_null: 'true: empty; false: set',
  contains: 'contains (case-sensitive)',
  icontains: 'contains (any case)',
  startswith: 'starts with (case-sensitive)',
  istartswith: 'starts with (any case)',
  endswith: 'ends with (case-sensitive)',
  iendswith: 'ends with (any case)',
};

/** The schema of one filter parameter: the column's type, or a list of it, or a boolean. */
function filterSchema(filter: ListFilter): Record<string, unknown> {
  if (filter.operator === 'is_null') return { type: 'boolean' };
  // The column's type and bounds, not the rules of writes (a filter may ask for any value).
  const {
    nullable: _n,
    writeOnly: _w,
    readOnly: _r,
    description: _d,
    ...item
  } = fieldSchema({ ...filter.field, nullable: false, hashPassword: false }, [], 'input');
  if (!LIST_OPERATORS.has(filter.operator)) return item;
  return filter.operator === 'between'
    ? { type: 'array', items: item, minItems: 2, maxItems: 2 }
    : { type: 'array', items: item, minItems: 1 };
}

/** An alias (`minPrice`) says which filter it stands for. */
function aliasNote(filter: ListFilter): string {
  const name = parameterName(filter.field.property, filter.operator);
  return filter.parameter === name ? '' : ` (the filter ${name})`;
}

function defaultOrderNote(resource: ResolvedResource): string {
  return resource.defaultOrder.length > 0
    ? ` Default: ${resource.defaultOrder.join(',')}.`
    : ` Default: ${resource.meta.key}.`;
}

/** The schema of the `:id` path parameter: the key's column type. */
export function keySchema(resource: ResolvedResource): Record<string, unknown> {
  const key = resource.meta.fieldsByProperty.get(resource.meta.key)!;
  const { readOnly: _r, nullable: _n, description: _d, ...schema } = fieldSchema(key, [], 'input');
  if (key.type !== 'integer') return schema;
  const { min, max } = integerKeyRange(key);
  return { ...schema, minimum: min, maximum: max };
}

/** One `@ApiQuery` per allowed filter, then orderBy, limit and offset. */
export function listQueryDecorators(resource: ResolvedResource): MethodDecorator[] {
  const decorators: MethodDecorator[] = [];
  for (const filter of resource.filters.values()) {
    const list = LIST_OPERATORS.has(filter.operator);
    decorators.push(
      ApiQuery({
        name: filter.parameter,
        required: false,
        description: `${filter.field.property} ${DESCRIPTIONS[filter.operator]}${aliasNote(filter)}`,
        schema: filterSchema(filter),
        ...(list ? { style: 'form', explode: false } : {}),
      } as never),
    );
  }
  const sortable = resource.sortable.flatMap((f) => [f, `-${f}`]);
  decorators.push(
    ApiQuery({
      name: 'orderBy',
      required: false,
      description: `Comma-separated fields, '-' for descending; one of ${sortable.join(', ')}. The key ends every ordering.${defaultOrderNote(resource)}`,
      schema: { type: 'string' },
    }),
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: resource.maxLimit, default: DEFAULT_LIMIT },
    }),
    ApiQuery({
      name: 'offset',
      required: false,
      schema: { type: 'integer', minimum: 0, maximum: 2147483647, default: 0 },
    }),
    ApiQuery({
      name: 'cursor',
      required: false,
      description:
        "Keyset paging instead of offset: empty for the first page, then the previous page's nextCursor. Order fields must not be nullable.",
      schema: { type: 'string' },
    }),
  );
  return decorators;
}

/** The schema of a list response: `{ items, total, limit, offset }`. */
export function pageSchema(view: Function): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(view) } },
      total: { type: 'integer', minimum: 0 },
      limit: { type: 'integer', minimum: 1 },
      offset: { type: 'integer', minimum: 0, description: 'Offset paging only.' },
      nextCursor: {
        type: 'string',
        nullable: true,
        description: 'Keyset paging only: the next page, null after the last.',
      },
    },
    required: ['items', 'total', 'limit'],
  };
}
