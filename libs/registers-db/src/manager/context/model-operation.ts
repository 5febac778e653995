import type { FilterSql } from './filter-sql';
import type { ModelContext } from './model-context';
import type { ModelFacts } from './model-facts';
import type { StatementRunner } from './statement-runner';
import type { TableSql } from './table-sql';

/**
 * Base of the operation classes: the parts of the model context as own fields, so an
 * operation reaches each in one step (`this.table.statements`, not `this.ctx.table.statements`).
 */
export abstract class ModelOperation<T extends object> {
  protected readonly model: ModelFacts<T>;
  protected readonly table: TableSql<T>;
  protected readonly run: StatementRunner;
  protected readonly filters: FilterSql<T>;

  constructor(ctx: ModelContext<T>) {
    this.model = ctx.model;
    this.table = ctx.table;
    this.run = ctx.run;
    this.filters = ctx.filters;
  }
}
