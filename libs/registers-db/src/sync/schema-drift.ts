import { MigrationError } from '../errors';
import { schemaMessages } from '../errors/messages';
import type { SchemaDiff } from '../schema/interfaces';

/** `users: missing columns a; types differ on b (text, expected integer)`. */
function describeDrift(d: SchemaDiff): string {
  if (d.missingTable) return `${d.table}: table missing`;
  const parts = [
    d.missingColumns.length ? `missing columns ${d.missingColumns.join(', ')}` : '',
    d.extraColumns.length ? `extra columns ${d.extraColumns.join(', ')}` : '',
    d.nullableMismatches.length ? `nullability differs on ${d.nullableMismatches.join(', ')}` : '',
    Object.keys(d.typeMismatches).length
      ? `types differ on ${Object.entries(d.typeMismatches)
          .map(([c, m]) => `${c} (${m.actual}, expected ${m.expected})`)
          .join(', ')}`
      : '',
  ].filter(Boolean);
  return `${d.table}: ${parts.join('; ')}`;
}

/** The MigrationError listing every table of `diffs` that differs from its model, if any. */
export function schemaDriftError(
  registry: string,
  diffs: Record<string, SchemaDiff>,
): MigrationError | undefined {
  const drift = Object.values(diffs).filter((d) => !d.ok);
  if (drift.length === 0) return undefined;
  return new MigrationError(schemaMessages.schemaDrift(registry, drift.map(describeDrift)), {
    operation: 'assertSchemaCurrent',
    tables: Object.fromEntries(drift.map((d) => [d.table, d])),
  });
}
