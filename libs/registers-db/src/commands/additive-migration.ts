import type { Type } from '@nestjs/common';
import { MigrationError } from '../errors';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { creationOrder } from '../registry/creation-order';
import type { DatabaseRegistry } from '../registry/database-registry';
import { ddlFor } from '../dialects';
import { ModelSchema } from '../schema/model-schema';
import type {
  AdditiveMigrationReport,
  MigrationStep,
  UnresolvedDrift,
} from './interfaces/command-results.interface';
import { StatementRecorder } from './statement-recorder';

interface PlannedModel {
  model: Type<any>;
  meta: ModelMetadata;
}

/** The property whose column is `column` (ensureColumn takes the property). */
function propertyOf(meta: ModelMetadata, column: string): string {
  return meta.fields.find((f) => f.column === column)?.property ?? column;
}

/**
 * What additive migration would do: create missing tables (referenced tables first, as
 * `createAll` does) and add missing columns. Nothing is written: the schema helpers run
 * against a StatementRecorder. Extra columns, type and nullability differences are listed
 * as unresolved (they need a real migration).
 */
export async function planAdditiveMigration(
  registry: DatabaseRegistry,
): Promise<AdditiveMigrationReport> {
  const diffs = await registry.diffAll();
  const models: PlannedModel[] = registry
    .models()
    .map((model) => ({ model, meta: registry.metadata(model) }));
  const byTable = (table: string) => models.find((m) => m.meta.table === table);
  const recorder = new StatementRecorder(registry.connection);
  const planning = (meta: ModelMetadata) => new ModelSchema(meta, recorder.asConnection());
  const steps: MigrationStep[] = [];
  const unresolved: UnresolvedDrift[] = [];

  const missing = models.filter((m) => diffs[m.meta.table]?.missingTable);
  const lazyForeignKeys = ddlFor(registry.dialect).lazyForeignKeys;
  const deferredKeys: Array<{ planned: PlannedModel; columns: string[] }> = [];
  for (const { entry, deferred } of creationOrder(missing, byTable)) {
    const mark = recorder.statements.length;
    const deferForeignKeys = lazyForeignKeys ? [] : deferred;
    await planning(entry.meta).createSchema({ deferForeignKeys });
    steps.push({
      model: entry.meta.name,
      table: entry.meta.table,
      action: 'create table',
      statements: recorder.since(mark),
    });
    if (deferForeignKeys.length) deferredKeys.push({ planned: entry, columns: deferForeignKeys });
  }
  for (const { planned, columns } of deferredKeys) {
    for (const column of columns) {
      const mark = recorder.statements.length;
      await planning(planned.meta).addForeignKeys([column]);
      steps.push({
        model: planned.meta.name,
        table: planned.meta.table,
        action: 'add foreign key',
        column,
        statements: recorder.since(mark),
      });
    }
  }

  for (const { meta } of models) {
    const diff = diffs[meta.table];
    if (!diff || diff.missingTable) continue;
    for (const column of diff.missingColumns) {
      const mark = recorder.statements.length;
      await planning(meta).ensureColumn(propertyOf(meta, column));
      steps.push({
        model: meta.name,
        table: meta.table,
        action: 'add column',
        column,
        statements: recorder.since(mark),
      });
    }
    const base = { model: meta.name, table: meta.table };
    for (const column of diff.extraColumns)
      unresolved.push({ ...base, column, issue: 'extra column' });
    for (const column of diff.nullableMismatches)
      unresolved.push({ ...base, column, issue: 'nullability differs' });
    for (const [column, m] of Object.entries(diff.typeMismatches))
      unresolved.push({
        ...base,
        column,
        issue: 'type differs',
        detail: `${m.actual}, expected ${m.expected}`,
      });
  }
  return { dryRun: true, statements: recorder.statements, steps, unresolved };
}

/**
 * Runs exactly the planned statements, in order: in one transaction where DDL is
 * transactional (SQLite, PostgreSQL: a failure leaves nothing behind), one by one on MySQL.
 * Then `createAll()` marks the tables ready and records the schema ledger.
 */
export async function applyAdditiveMigration(
  registry: DatabaseRegistry,
  plan: AdditiveMigrationReport,
): Promise<AdditiveMigrationReport> {
  const connection = registry.connection;
  const run = async () => {
    for (const [index, statement] of plan.statements.entries()) {
      try {
        await connection.execute(statement);
      } catch (error) {
        const step = plan.steps.find((s) => s.statements.includes(statement));
        throw new MigrationError(
          `Additive migration: statement ${index + 1} of ${plan.statements.length} failed (${step?.action ?? 'change'} on '${step?.table}'): ${(error as Error).message}`,
          { operation: 'migrate', table: step?.table, statement },
          { cause: error },
        );
      }
    }
  };
  try {
    if (plan.statements.length) {
      await (ddlFor(registry.dialect).transactionalDdl ? connection.transaction(run) : run());
    }
  } finally {
    connection.resetStatements();
  }
  await registry.createAll();
  return { ...plan, dryRun: false };
}

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
