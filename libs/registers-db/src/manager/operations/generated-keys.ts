import { SchemaError } from '../../errors';
import type { ModelContext, Row } from './model-context';

/** Copies database-generated keys onto the records of one INSERT … RETURNING. */
export function assignGeneratedKeys<T extends object>(
  ctx: ModelContext<T>,
  records: T[],
  rows: Row[],
  operation: string,
): void {
  if (!ctx.statements.generatedKey) return;
  if (rows.length !== records.length) {
    throw new SchemaError(
      `${ctx.meta.name}.${operation}: the database returned no generated keys`,
      ctx.context(operation),
    );
  }
  const keyColumn = ctx.statements.keyColumn;
  const keyProperty = ctx.meta.key;
  if (rows.length === 1) {
    (records[0] as any)[keyProperty] = ctx.dialect.fromDriver(ctx.keyField, rows[0][keyColumn]);
    return;
  }
  // Keys of one statement grow with insertion order; RETURNING order is not promised.
  const keys = rows.map((r) => ctx.dialect.fromDriver(ctx.keyField, r[keyColumn]) as number);
  keys.sort((a, b) => a - b);
  for (let i = 0; i < records.length; i++) (records[i] as any)[keyProperty] = keys[i];
}
