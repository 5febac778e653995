import type { ModelContext } from './model-context';

/**
 * Moves an autoincrement key's counter past keys the app wrote itself, where the database
 * does not (PostgreSQL sequences); a no-op elsewhere. Call it inside the write's transaction.
 */
export async function syncKeySequence<T extends object>(
  ctx: ModelContext<T>,
  operation: string,
): Promise<void> {
  const sync = syncStatement(ctx);
  if (!sync) return;
  try {
    await ctx.connection.query(sync.sql, sync.params);
  } catch (error) {
    throw await ctx.normalize(error, operation);
  }
}

/**
 * Runs a write that chooses an autoincrement key itself, contained like any write; where
 * the key's counter needs moving, the write and the move share one (sub)transaction.
 */
export function writeWithExplicitKey<T extends object, R>(
  ctx: ModelContext<T>,
  operation: string,
  write: () => Promise<R>,
): Promise<R> {
  if (!syncStatement(ctx)) return ctx.contained(write);
  return ctx.transaction(async () => {
    const result = await write();
    await syncKeySequence(ctx, operation);
    return result;
  });
}

/** True when an upsert on `conflict` may write the key itself and its counter then needs moving. */
export function needsKeySequenceSync<T extends object>(
  ctx: ModelContext<T>,
  conflict: readonly unknown[],
): boolean {
  return conflict[0] === ctx.keyField && syncStatement(ctx) !== undefined;
}

function syncStatement<T extends object>(ctx: ModelContext<T>) {
  return ctx.statements.generatedKey
    ? ctx.dialect.syncKeySequence?.(ctx.meta.table, ctx.statements.keyColumn)
    : undefined;
}
