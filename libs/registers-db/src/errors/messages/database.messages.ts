import { atRow } from './record.messages';

/**
 * Messages of DatabaseError and the integrity errors. They name fields and constraints only,
 * never the driver's message or the offending values (they may quote secrets).
 */
export const databaseMessages = {
  duplicateKey: (model: string, key: string, rowIndex: number | undefined) =>
    `${model}: a record with this ${key} already exists${atRow(rowIndex)}`,

  uniqueViolated: (
    model: string,
    fields: string[],
    constraint: string | undefined,
    rowIndex: number | undefined,
  ) =>
    `${model}: unique constraint on ${fields.join(', ') || constraint || 'a unique field'} violated${atRow(rowIndex)}`,

  foreignKeyFailed: (model: string, fields: string[], rowIndex: number | undefined) =>
    `${model}: foreign key constraint failed${fields.length ? ` on ${fields.join(', ')}` : ''}${atRow(rowIndex)}`,

  notNullViolated: (model: string, fields: string[], rowIndex: number | undefined) =>
    `${model}: ${fields.join(', ') || 'a required field'} must not be null${atRow(rowIndex)}`,

  /** `driverCode`: the driver's error code, if it has one. */
  statementFailed: (model: string, operation: string, driverCode: unknown) =>
    `${model}.${operation} failed: database error${driverCode ? ` ${String(driverCode)}` : ''}`,

  /**
   * A DatabaseBusyError. `label`: the model (or `transaction`, `migration`); `wait`: which
   * wait ended the statement, in words; `waitedMs`: how long it waited, when known.
   */
  busy: (
    label: string,
    operation: string,
    wait: string,
    waitedMs: number | undefined,
    wholeTransaction: boolean,
  ) =>
    `${label}.${operation}: the database is busy (${wait}${waitedMs === undefined ? '' : ` after ${waitedMs} ms`}); ` +
    `nothing was written, retry the ${wholeTransaction ? 'whole transaction' : 'operation'} later`,
};
