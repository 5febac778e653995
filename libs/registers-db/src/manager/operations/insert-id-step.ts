import type { DatabaseConnection } from '../../connection/database-connection';
import type { Dialect } from '../../dialects/base/dialect.interface';
import type { ModelStatements } from '../model-statements';

const steps = new WeakMap<DatabaseConnection, Promise<number | undefined>>();

/**
 * The step between the keys of one multi-row INSERT when the server hands them out
 * consecutively from the reported insert id (asked once per connection); undefined where
 * that is not known to hold, and keys come back through RETURNING instead.
 */
export function consecutiveInsertStep(
  dialect: Dialect,
  statements: ModelStatements,
  connection: DatabaseConnection,
): Promise<number | undefined> {
  const probe = dialect.consecutiveInsertIds;
  if (!probe || !statements.generatedKey) return Promise.resolve(undefined);
  let step = steps.get(connection);
  if (!step) {
    step = connection.queryOne(probe.sql, []).then(
      (row) => probe.stepOf(row),
      () => undefined,
    );
    steps.set(connection, step);
  }
  return step;
}
