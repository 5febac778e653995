import type { DatabaseRegistry } from '../registry/database-registry';
import type { SchemaDiff } from '../schema/interfaces';
import type { SchemaStatusReport, TableStatus } from './interfaces/command-results.interface';

function tableStatus(diff: SchemaDiff): TableStatus {
  return {
    model: diff.model,
    table: diff.table,
    status: diff.ok ? 'ok' : diff.missingTable ? 'missing' : 'drift',
    missingColumns: diff.missingTable ? [] : diff.missingColumns,
    extraColumns: diff.extraColumns,
    nullableMismatches: diff.nullableMismatches,
    typeMismatches: diff.typeMismatches,
  };
}

/** Compares every registered table with its model (reads the catalog only). */
export async function schemaStatus(registry: DatabaseRegistry): Promise<SchemaStatusReport> {
  const tables = Object.values(await registry.diffAll()).map(tableStatus);
  return {
    registry: registry.name,
    dialect: registry.dialect,
    upToDate: tables.every((t) => t.status === 'ok'),
    tables,
  };
}

/** `missing columns motto; types differ on age (text, expected integer)`. */
export function describeDrift(table: TableStatus): string {
  if (table.status === 'ok') return 'up to date';
  if (table.status === 'missing') return 'table missing';
  const types = Object.entries(table.typeMismatches).map(
    ([column, m]) => `${column} (${m.actual}, expected ${m.expected})`,
  );
  return [
    table.missingColumns.length ? `missing columns ${table.missingColumns.join(', ')}` : '',
    table.extraColumns.length ? `extra columns ${table.extraColumns.join(', ')}` : '',
    table.nullableMismatches.length
      ? `nullability differs on ${table.nullableMismatches.join(', ')}`
      : '',
    types.length ? `types differ on ${types.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** The plain-text form of `db status`. */
export function formatSchemaStatus(report: SchemaStatusReport, group: string): string {
  const where = `registry '${report.registry}', ${report.dialect}`;
  if (report.tables.length === 0) return `No models are registered (${where}).`;
  if (report.upToDate) {
    const n = report.tables.length;
    return `Schema is up to date: ${n} table${n === 1 ? '' : 's'} match${n === 1 ? 'es' : ''} ${n === 1 ? 'its model' : 'their models'} (${where}).`;
  }
  const drifting = report.tables.filter((t) => t.status !== 'ok');
  const width = Math.max(...drifting.map((t) => t.table.length));
  return [
    `Schema drift in ${drifting.length} of ${report.tables.length} tables (${where}):`,
    ...drifting.map((t) => `  ${t.table.padEnd(width)}  ${t.model}: ${describeDrift(t)}`),
    `Add missing tables and columns with \`${group} migrate\` (preview with --dry-run), or write a migration with \`${group} migration:generate <name>\`.`,
  ].join('\n');
}

/** `db status --output table|csv`: one row per table. */
export function schemaStatusRows(report: SchemaStatusReport) {
  return report.tables.map((t) => ({
    table: t.table,
    model: t.model,
    status: t.status,
    details: t.status === 'drift' ? describeDrift(t) : '',
  }));
}
