import type { DatabaseConnection } from '../../connection/database-connection';
import type { ModelContext } from './model-context';

const steps = new WeakMap<DatabaseConnection, Promise<number | undefined>>();

/**
 * The step between the keys of one multi-row INSERT when the server hands them out
 * consecutively from the reported insert id (asked once per connection); undefined where
 * that is not known to hold, and keys come back through RETURNING instead.
 */
export function consecutiveInsertStep(ctx: ModelContext<object>): Promise<number | undefined> {
  const probe = ctx.dialect.consecutiveInsertIds;
  if (!probe || !ctx.statements.generatedKey) return Promise.resolve(undefined);
  let step = steps.get(ctx.connection);
  if (!step) {
    step = ctx.connection.queryOne(probe.sql, []).then(
      (row) => probe.stepOf(row),
      () => undefined,
    );
    steps.set(ctx.connection, step);
  }
  return step;
}
