import { InvalidQueryError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import { Q } from '../../query';
import type { Filter } from '../../query/query-node';
import type { ManagedRecord } from '../../records/record-methods.interface';
import { isUnsafeKey } from '../../validation/unsafe-keys';
import type { ModelContext } from '../context/model-context';
import { ModelOperation } from '../context/model-operation';
import type { Page, PageRequest } from '../manager-options.interface';
import { decodeCursor, encodeCursor } from '../page-cursor';
import type { Reads } from './reads';

/** Keyset pagination with opaque cursors. */
export class Pagination<T extends object> extends ModelOperation<T> {
  constructor(
    ctx: ModelContext<T>,
    private readonly reads: Reads<T>,
  ) {
    super(ctx);
  }

  /**
   * Keyset pagination: `orderBy` (default the key; the key is added as the last tiebreak),
   * `limit` (default 20) and the `cursor` of the previous page. Order fields must be
   * non-nullable so the cursor comparison is exact.
   */
  async paginate(request: PageRequest<T> = {}): Promise<Page<ManagedRecord<T>>> {
    const { model } = this;
    const operation = 'paginate';
    const limit = request.limit ?? 20;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new InvalidQueryError(
        queryMessages.paginateLimit(model.meta.name),
        model.context(operation),
      );
    }
    const order =
      request.orderBy === undefined
        ? []
        : typeof request.orderBy === 'string'
          ? [request.orderBy]
          : [...request.orderBy];
    const terms = order.map((entry) => ({
      property: String(entry).replace(/^-/, ''),
      descending: String(entry).startsWith('-'),
    }));
    if (!terms.some((t) => t.property === model.meta.key))
      terms.push({ property: model.meta.key, descending: false });
    for (const term of terms) {
      const field = isUnsafeKey(term.property)
        ? undefined
        : model.meta.fieldsByProperty.get(term.property);
      if (field?.nullable) {
        throw new InvalidQueryError(
          queryMessages.paginateNullableOrder(model.meta.name, term.property),
          {
            ...model.context(operation),
            field: term.property,
          },
        );
      }
    }
    const orderBy = terms.map((t) => (t.descending ? `-${t.property}` : t.property));
    let filter: Filter<T> | undefined = request.where;
    if (request.cursor !== undefined && request.cursor !== null) {
      const values = decodeCursor(request.cursor, terms.length);
      if (!values)
        throw new InvalidQueryError(
          queryMessages.invalidCursor(model.meta.name),
          model.context(operation),
        );
      const after = Q.or(
        ...terms.map((term, i) => {
          const where: Record<string, unknown> = {};
          for (let j = 0; j < i; j++) where[terms[j].property] = values[j];
          where[`${term.property}__${term.descending ? 'lt' : 'gt'}`] = values[i];
          return Q(where as any);
        }),
      );
      filter = filter === undefined ? after : Q.and(filter, after);
    }
    const rows = await this.reads.find(operation, filter, { orderBy, limit: limit + 1 });
    const hasNext = rows.length > limit;
    const items = hasNext ? rows.slice(0, limit) : rows;
    const last: any = items[items.length - 1];
    const nextCursor =
      hasNext && last
        ? encodeCursor(
            terms.map((t) =>
              last[t.property] instanceof Date ? last[t.property].toISOString() : last[t.property],
            ),
          )
        : null;
    return { items, nextCursor, hasNext };
  }
}
