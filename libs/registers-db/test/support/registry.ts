/** Registry chores shared by the database suites. */
import type { Type } from '@nestjs/common';
import type { DatabaseRegistry } from '../../src/registry';

/** Deletes every row of each model's table, one model after another (list children first). */
export async function emptyTables(
  db: Pick<DatabaseRegistry, 'manager'>,
  models: Array<Type<object>>,
): Promise<void> {
  for (const model of models) await db.manager(model).deleteWhere({}, { allowFullTable: true });
}
