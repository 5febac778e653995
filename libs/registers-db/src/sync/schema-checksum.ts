import { createHash } from 'node:crypto';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';

/** A digest of every table's shape (what the schema ledger records as `version`). */
export function schemaChecksum(metas: ModelMetadata[]): string {
  const shapes = metas
    .map((meta) => ({
      table: meta.table,
      columns: meta.fields.map((f) => [
        f.column,
        f.type,
        f.nullable,
        f.length ?? null,
        f.precision ?? null,
        f.scale ?? null,
      ]),
      unique: meta.unique,
      foreignKeys: meta.fields
        .filter((f) => f.foreignKey)
        .map((f) => [f.column, f.foreignKey!.table, f.foreignKey!.column]),
    }))
    .sort((a, b) => a.table.localeCompare(b.table));
  return createHash('sha256').update(JSON.stringify(shapes)).digest('hex');
}
