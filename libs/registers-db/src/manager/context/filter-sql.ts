import { InvalidQueryError } from '../../errors';
import { queryMessages } from '../../errors/messages';
import { compileOrderBy, compileWhere, SqlParams, validateQueryOptions } from '../../query';
import type { Filter } from '../../query/query-node';
import type { FindOptions, FullTableOptions } from '../manager-options.interface';
import { isFilter } from './input-shapes';
import type { ModelFacts } from './model-facts';
import type { TableSql } from './table-sql';

export interface WhereScope {
  /** Keep soft-deleted rows. */
  includeDeleted?: boolean;
  /** When given (even null), an empty filter is refused unless `allowFullTable`. */
  guard?: FullTableOptions | null;
}

/** The WHERE and ORDER BY/LIMIT parts of a model's statements, with its scopes applied. */
export class FilterSql<T extends object> {
  constructor(
    private readonly model: ModelFacts<T>,
    private readonly table: TableSql<T>,
  ) {}

  /**
   * ` WHERE …` for a filter, or '' when nothing restricts the rows; values go to `params`.
   * Soft-deleted rows are left out unless `includeDeleted`; tenant models add their tenant.
   */
  where(
    filter: Filter | undefined,
    params: SqlParams,
    operation: string,
    scope: WhereScope = {},
  ): string {
    const { model } = this;
    if (filter !== undefined && !isFilter(filter)) {
      throw new InvalidQueryError(
        queryMessages.whereNotObject(model.meta.name, operation),
        model.context(operation),
      );
    }
    let condition: string;
    try {
      condition = compileWhere(model.meta, filter, model.dialect, params);
    } catch (error) {
      throw model.withOperation(error, operation);
    }
    if (scope.guard !== undefined)
      this.guardFullTable(condition, scope.guard ?? undefined, operation);
    const live = this.table.statements.live;
    const tenantField = model.tenancy.field;
    const parts: string[] = [];
    if (condition) parts.push(live || tenantField ? `(${condition})` : condition);
    if (!scope.includeDeleted && live) parts.push(live);
    const tenant = model.tenancy.current(operation);
    if (tenant) {
      parts.push(
        `${model.dialect.quoteIdentifier(tenantField!.column)} = ${params.add(model.dialect.toDriver(tenantField!, tenant.value))}`,
      );
    }
    return parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
  }

  /** ` ORDER BY … LIMIT …` of find options (validated), or ''. */
  tail(
    options: FindOptions | undefined,
    operation: string,
    defaultOrder?: string | readonly string[],
  ): string {
    const { model } = this;
    try {
      if (options !== undefined) validateQueryOptions(model.meta, options);
      const order = options?.orderBy ?? defaultOrder;
      return (
        (order === undefined ? '' : compileOrderBy(model.meta, order, model.dialect)) +
        model.dialect.limitOffset(options?.limit, options?.offset)
      );
    } catch (error) {
      throw model.withOperation(error, operation);
    }
  }

  private guardFullTable(
    where: string,
    options: FullTableOptions | undefined,
    operation: string,
  ): void {
    if (!where && !options?.allowFullTable) {
      throw new InvalidQueryError(
        queryMessages.fullTableWhere(this.model.meta.name, operation),
        this.model.context(operation),
      );
    }
  }
}
