import type { AdditiveMigrationReport } from '../sync/interfaces/additive-migration.interfaces';

/** The plain-text form of `db migrate`. */
export function formatAdditiveMigration(report: AdditiveMigrationReport, group: string): string {
  const lines: string[] = [];
  if (report.statements.length === 0) {
    lines.push('Nothing to migrate: every registered table and column exists.');
  } else {
    const n = report.steps.length;
    lines.push(
      report.dryRun
        ? `Dry run: ${n} change${n === 1 ? '' : 's'} planned, nothing applied. Statements:`
        : `Applied ${n} change${n === 1 ? '' : 's'}:`,
    );
    for (const statement of report.statements) lines.push(`${statement};`);
  }
  if (report.unresolved.length) {
    lines.push(
      `Not changed by additive migration (write one with \`${group} migration:generate <name>\`):`,
    );
    for (const u of report.unresolved) {
      lines.push(`  ${u.table}.${u.column}: ${u.issue}${u.detail ? ` (${u.detail})` : ''}`);
    }
  }
  return lines.join('\n');
}
