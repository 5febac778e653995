import { SchemaError } from '../../errors';
import { schemaMessages } from '../../errors/messages';
import type { ModelFacts } from '../context/model-facts';
import type { Row } from '../context/statement-runner';
import type { ModelStatements } from '../model-statements';

/** Copies database-generated keys onto the records of one INSERT … RETURNING. */
export function assignGeneratedKeys<T extends object>(
  model: ModelFacts<T>,
  statements: ModelStatements,
  records: T[],
  rows: Row[],
  operation: string,
): void {
  if (!statements.generatedKey) return;
  if (rows.length !== records.length) {
    throw new SchemaError(
      schemaMessages.noGeneratedKeys(model.meta.name, operation),
      model.context(operation),
    );
  }
  const keyColumn = statements.keyColumn;
  const keyProperty = model.meta.key;
  if (rows.length === 1) {
    (records[0] as any)[keyProperty] = model.dialect.fromDriver(model.keyField, rows[0][keyColumn]);
    return;
  }
  // Keys of one statement grow with insertion order; RETURNING order is not promised.
  const keys = rows.map((r) => model.dialect.fromDriver(model.keyField, r[keyColumn]) as number);
  keys.sort((a, b) => a - b);
  for (let i = 0; i < records.length; i++) (records[i] as any)[keyProperty] = keys[i];
}
