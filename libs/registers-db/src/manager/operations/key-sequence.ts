import type { ModelContext } from './model-context';

/**
 * After a write that chose an autoincrement key itself: moves the key's sequence past it
 * where the database does not do so (PostgreSQL), so later inserts get fresh keys. Runs in
 * the write's transaction; other dialects need nothing.
 */
export async function syncKeySequence<T extends object>(
  ctx: ModelContext<T>,
  operation: string,
): Promise<void> {
  if (!ctx.statements.generatedKey) return;
  const sql = ctx.dialect.syncKeySequenceSql?.(ctx.meta.table, ctx.statements.keyColumn);
  if (!sql) return;
  try {
    await ctx.connection.query(sql, []);
  } catch (error) {
    throw await ctx.normalize(error, operation);
  }
}
