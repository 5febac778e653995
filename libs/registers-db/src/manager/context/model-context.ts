import type { DatabaseConnection } from '../../connection/database-connection';
import { dialectFor } from '../../dialects';
import type { ModelMetadata } from '../../interfaces/model-metadata.interface';
import type { RecordOwner } from '../../records/record-methods.interface';
import type { ModelSchema } from '../../schema/model-schema';
import { FilterSql } from './filter-sql';
import { ModelFacts } from './model-facts';
import { StatementRunner } from './statement-runner';
import { TableSql } from './table-sql';

/**
 * What the operations of one model share (see ModelOperation, which unpacks it):
 * - `model`: what never changes (metadata, dialect, record class, validator, field services);
 * - `table`: the SQL that names the table, rebuilt when it is renamed;
 * - `run`: running statements on the connection;
 * - `filters`: WHERE and ORDER BY parts with the model's scopes applied.
 */
export interface ModelContext<T extends object> {
  readonly model: ModelFacts<T>;
  readonly table: TableSql<T>;
  readonly run: StatementRunner;
  readonly filters: FilterSql<T>;
}

/** The context of one manager; `owner` receives the record methods (save, delete, …). */
export function createModelContext<T extends object>(
  meta: ModelMetadata<T>,
  connection: DatabaseConnection,
  schema: ModelSchema<T>,
  owner: RecordOwner<T>,
): ModelContext<T> {
  const dialect = dialectFor(connection.dialect);
  const model = new ModelFacts(meta, dialect, owner);
  const table = new TableSql(model, connection);
  const run = new StatementRunner(meta, dialect, connection, schema);
  const filters = new FilterSql(model, table);
  schema.onRename?.(() => table.rebuild());
  return { model, table, run, filters };
}
