import type { ValidationError as ClassValidatorError } from 'class-validator';
import { InvalidQueryError, RecordNotFoundError, ValidationError } from '../errors';
import { crudMessages, queryMessages, recordMessages } from '../errors/messages';
import type { FieldValidationIssue } from '../errors/validation.error';
import type { Manager } from '../manager/manager';
import type { KeyValue } from '../manager/manager-options.interface';
import { toView, ViewDto } from '../swagger';
import type { CrudOperation } from './crud-options.interface';
import type { ResolvedResource } from './crud-resource';
import type { Filter } from '../query/query-node';
import { parseListQuery } from './list-query';
import { integerKeyRange } from './key-range';
import { queryText } from './query-class';

const INTEGER = /^-?\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One page of a list route. */
export interface ListPage<V> {
  items: V[];
  /** Rows matching the filters, over all pages. */
  total: number;
  limit: number;
  /** Offset paging: the rows skipped. */
  offset?: number;
  /** Keyset paging (`cursor` given): the cursor of the next page, null on the last one. */
  nextCursor?: string | null;
}

/** The `:id` of a route as a key value of the model; anything else is a 400. */
export function parseKey(
  resource: ResolvedResource,
  text: string,
  operation: CrudOperation,
): KeyValue {
  const { meta } = resource;
  const key = meta.fieldsByProperty.get(meta.key)!;
  const valid =
    key.type === 'integer' || key.type === 'bigint'
      ? INTEGER.test(text)
      : key.type === 'uuid'
        ? UUID.test(text)
        : text.length > 0;
  if (!valid) {
    throw new InvalidQueryError(queryMessages.invalidKeyValue(meta.name, operation, meta.key), {
      model: meta.name,
      operation,
      field: meta.key,
    });
  }
  if (key.type !== 'integer') return text;
  const value = Number(text);
  const { min, max } = integerKeyRange(key);
  if (value < min || value > max) {
    throw new InvalidQueryError(crudMessages.keyOutOfRange(meta.name, meta.key, min, max), {
      model: meta.name,
      operation,
      field: meta.key,
    });
  }
  return value;
}

/** class-validator errors of a request body as the library's ValidationError (a 400 through RegistersExceptionFilter). */
export function bodyValidationError(
  resource: ResolvedResource,
  operation: CrudOperation,
  errors: ClassValidatorError[],
): ValidationError {
  const issues: FieldValidationIssue[] = [];
  const collect = (list: ClassValidatorError[], prefix: string) => {
    for (const e of list) {
      const field = `${prefix}${e.property}`;
      const messages = Object.values(e.constraints ?? {});
      if (messages.length > 0) issues.push({ field, messages });
      collect(e.children ?? [], `${field}.`);
    }
  };
  collect(errors, '');
  const { name } = resource.meta;
  return new ValidationError(
    crudMessages.invalidBody(
      name,
      issues.map((i) => i.field),
    ),
    issues,
    { model: name, operation },
  );
}

/** What each route does, given the model's manager. Responses are views: never a secret. */
export class CrudHandlers {
  constructor(
    private readonly resource: ResolvedResource,
    private readonly manager: Manager<any>,
  ) {}

  private view(record: object): unknown {
    return toView(ViewDto(this.resource.options.model), record);
  }

  private async find(key: KeyValue, operation: CrudOperation): Promise<any> {
    const record = await this.manager.get(key);
    if (record) return record;
    const { meta } = this.resource;
    throw new RecordNotFoundError(recordMessages.notFoundByKey(meta.name, meta.key, key), {
      model: meta.name,
      operation,
    });
  }

  async list(query: Record<string, unknown>): Promise<ListPage<unknown>> {
    const parsed = parseListQuery(this.resource, queryText(this.resource, query));
    const { orderBy, limit, offset, cursor } = parsed;
    const where = parsed.where as Filter<any>;
    if (cursor !== undefined) {
      const [page, total] = await Promise.all([
        this.manager.paginate({ where, orderBy, limit, cursor: cursor || null }),
        this.manager.count(where),
      ]);
      return {
        items: page.items.map((r) => this.view(r)),
        total,
        limit,
        nextCursor: page.nextCursor,
      };
    }
    const [records, total] = await Promise.all([
      this.manager.filter(where, { orderBy, limit, offset }),
      this.manager.count(where),
    ]);
    return { items: records.map((r) => this.view(r)), total, limit, offset };
  }

  async get(id: string | number): Promise<unknown> {
    return this.view(await this.find(parseKey(this.resource, String(id), 'get'), 'get'));
  }

  async create(body: object): Promise<unknown> {
    return this.view(await this.manager.create({ ...body }));
  }

  async update(id: string | number, body: object): Promise<unknown> {
    const record = await this.find(parseKey(this.resource, String(id), 'update'), 'update');
    return this.view(await this.manager.updateRecord(record, { ...body }));
  }

  async delete(id: string | number): Promise<void> {
    const key = parseKey(this.resource, String(id), 'delete');
    if (!(await this.manager.delete(key))) await this.find(key, 'delete');
  }
}
