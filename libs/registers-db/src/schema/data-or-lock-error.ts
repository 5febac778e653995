import type { DatabaseConnection } from '../connection/database-connection';
import { dialectFor } from '../dialects';
import { integrityError } from '../dialects/base/dialect.interface';
import { classifiedError } from '../dialects/base/driver-failure';
import type { RegistryError } from '../errors';
import type { ModelMetadata } from '../interfaces/model-metadata.interface';

/**
 * The library error for a DDL failure that is no schema problem: a busy database
 * (DatabaseBusyError), a value the database refused, and with `rows` an integrity violation
 * of rows already in the table (a foreign key added over orphans, a column that must be
 * unique). Undefined when the failure is about the schema: the caller reports a SchemaError.
 * CREATE TABLE passes `rows: false`: a race on the catalog may look like a unique violation.
 */
export async function dataOrLockError(
  connection: DatabaseConnection,
  meta: ModelMetadata,
  error: unknown,
  operation: string,
  rows = true,
): Promise<RegistryError | undefined> {
  const dialect = dialectFor(connection.dialect);
  const violation = rows ? dialect.classifyError(error) : undefined;
  if (violation) return integrityError(violation, { meta, operation });
  return classifiedError((e) => dialect.classifyFailure(e), error, {
    label: meta.name,
    meta,
    operation,
  });
}
