import type { DatabaseConnection } from '../connection/database-connection';
import { dialectFor } from '../dialects';
import { classifiedError } from '../dialects/base/driver-failure';
import { MigrationError } from '../errors';
import { schemaMessages } from '../errors/messages';
import { ModelSchema } from '../schema/model-schema';
import type { AdditivePlan } from './additive-plan';
import { runAdditiveStep } from './additive-plan';
import type {
  AdditiveMigrationReport,
  MigrationStep,
} from './interfaces/additive-migration.interfaces';
import { StatementRecorder } from './statement-recorder';

/**
 * The statements of a plan, step by step. Nothing is written: the schema helpers run
 * against a StatementRecorder (catalog reads still go to the database).
 */
export async function recordAdditivePlan(
  plan: AdditivePlan,
  connection: DatabaseConnection,
): Promise<AdditiveMigrationReport> {
  const recorder = new StatementRecorder(connection);
  const steps: MigrationStep[] = [];
  for (const step of plan.steps) {
    const mark = recorder.statements.length;
    const { meta } = step.model;
    await runAdditiveStep(step, new ModelSchema(meta, recorder.asConnection()));
    steps.push({
      model: meta.name,
      table: meta.table,
      action: step.action,
      ...(step.column === undefined ? {} : { column: step.column }),
      statements: recorder.since(mark),
    });
  }
  return { dryRun: true, statements: recorder.statements, steps, unresolved: plan.unresolved };
}

/**
 * Runs exactly the planned statements, in order: in one transaction where DDL is
 * transactional (SQLite, PostgreSQL: a failure leaves nothing behind), one by one on MySQL.
 */
export async function runAdditiveStatements(
  report: AdditiveMigrationReport,
  connection: DatabaseConnection,
  transactionalDdl: boolean,
): Promise<void> {
  const run = async () => {
    for (const [index, statement] of report.statements.entries()) {
      try {
        await connection.execute(statement);
      } catch (error) {
        const step = report.steps.find((s) => s.statements.includes(statement));
        const dialect = dialectFor(connection.dialect);
        const notSchema = classifiedError((e) => dialect.classifyFailure(e), error, {
          label: 'migration',
          operation: 'migrate',
          extra: { table: step?.table },
        });
        if (notSchema) throw notSchema;
        throw new MigrationError(
          schemaMessages.additiveStatementFailed(
            index + 1,
            report.statements.length,
            step?.action ?? 'change',
            step?.table,
            (error as Error).message,
          ),
          { operation: 'migrate', table: step?.table, statement },
          { cause: error },
        );
      }
    }
  };
  try {
    if (report.statements.length) await (transactionalDdl ? connection.transaction(run) : run());
  } finally {
    connection.resetStatements();
  }
}
