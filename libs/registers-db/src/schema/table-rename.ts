import type { DatabaseConnection } from '../connection/database-connection';
import { MigrationError } from '../errors';
import { schemaMessages } from '../errors/messages';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';
import { isSafeIdentifier } from '../metadata/naming';
import type { DdlDialect } from '../dialects/base/ddl-dialect';
import { classifiedError } from '../dialects/base/driver-failure';
import { dialectFor } from '../dialects';
import { auditModel, auditTableName } from './synthetic-model';

/** The parts of a ModelSchema a rename uses. */
export interface RenamedTable {
  readonly meta: ModelMetadata;
  readonly connection: DatabaseConnection;
  readonly ddl: DdlDialect;
  tableExists(table: string): Promise<boolean>;
}

/**
 * Renames the model's table (and its audit table) with the constraint and index names that
 * follow the table name. MigrationError (and nothing changed) when the name is invalid, the
 * table is missing or the target exists. Returns false when `to` is already the name. The
 * model's metadata is left to the caller.
 */
export async function renameModelTable(target: RenamedTable, to: string): Promise<boolean> {
  const { meta, connection, ddl } = target;
  const from = meta.table;
  const context = { model: meta.name, table: from, operation: 'renameTable', target: to };
  if (!isSafeIdentifier(to))
    throw new MigrationError(schemaMessages.invalidTableName(meta.name, String(to)), context);
  if (to === from) return false;
  if (!(await target.tableExists(from)))
    throw new MigrationError(schemaMessages.tableMissing(meta.name, from), context);
  if (await target.tableExists(to))
    throw new MigrationError(schemaMessages.tableExists(meta.name, to), context);
  const rename = async () => {
    await renameWithDependents(target, meta, from, to);
    if (meta.auditLog && (await target.tableExists(auditTableName(from)))) {
      await renameWithDependents(
        target,
        auditModel(from),
        auditTableName(from),
        auditTableName(to),
      );
    }
  };
  try {
    // All or nothing where DDL is transactional; MySQL commits each statement anyway.
    await (ddl.transactionalDdl ? connection.transaction(rename) : rename());
  } catch (error) {
    const dialect = dialectFor(connection.dialect);
    throw (
      classifiedError((e) => dialect.classifyFailure(e), error, {
        label: meta.name,
        meta,
        operation: 'renameTable',
      }) ??
      new MigrationError(
        schemaMessages.renameFailed(meta.name, from, to, (error as Error).message),
        context,
        {
          cause: error,
        },
      )
    );
  } finally {
    connection.resetStatements();
  }
  return true;
}

async function renameWithDependents(
  { connection, ddl }: RenamedTable,
  meta: ModelMetadata,
  from: string,
  to: string,
): Promise<void> {
  await connection.execute(ddl.renameTableSql(from, to));
  const names = ddl.dependentNamesSql(to, from);
  if (!names) return;
  const live = new Set(
    (await connection.query<{ name: string }>(names.sql, names.params)).map((r) => r.name),
  );
  for (const sql of ddl.renameDependentsSql(meta, from, to, live)) await connection.execute(sql);
}
