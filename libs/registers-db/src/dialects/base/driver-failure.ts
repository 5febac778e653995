import { DatabaseBusyError, DatabaseError, RegistryError, ValidationError } from '../../errors';
import { databaseMessages, validationMessages } from '../../errors/messages';
import type { ModelMetadata } from '../../interfaces/model-metadata.interface';
import { waitedMsOf } from './statement-wait';

/**
 * Which wait ended a statement: `busy` (SQLite: another connection held the write lock for
 * the whole busy timeout), `locked` (SQLite: a table locked by this same database),
 * `lock-timeout` (a row or table lock wait timed out), `statement-timeout` (the server's
 * statement time limit), `deadlock` (the server rolled back the transaction to break one).
 */
export type BusyReason = 'busy' | 'locked' | 'lock-timeout' | 'statement-timeout' | 'deadlock';

/** Which kind of value the database refused (the value itself is never kept). */
export type ValueProblem =
  'out-of-range' | 'too-long' | 'invalid-text' | 'invalid-datetime' | 'invalid-value' | 'too-big';

/** A driver error that is neither an integrity violation nor unknown, in every dialect's terms. */
export type DriverFailure =
  | { kind: 'busy'; reason: BusyReason }
  /** `column`: the column the driver named, when it names one (MariaDB/MySQL do). */
  | { kind: 'value'; problem: ValueProblem; column?: string };

const BUSY_WORDS: Record<BusyReason, string> = {
  busy: 'another connection holds the write lock',
  locked: 'a table is locked',
  'lock-timeout': 'lock wait timeout',
  'statement-timeout': 'statement timeout',
  deadlock: 'deadlock; the database rolled back the transaction',
};

const VALUE_WORDS: Record<ValueProblem, string> = {
  'out-of-range': 'number out of range for the column',
  'too-long': 'too long for the column',
  'invalid-text': 'characters the column cannot store',
  'invalid-datetime': 'not a valid date or time for the column',
  'invalid-value': 'not a value of the column type',
  'too-big': 'too big for the database',
};

/** The field a ValidationError names when the driver does not say which column it refused. */
export const UNKNOWN_FIELD = '(row)';

/** Where the failed statement ran: a model's operation, or a step of a transaction. */
export interface FailureContext {
  /** The model's name in messages, or what ran the statement (`transaction`, `migration`). */
  label: string;
  operation: string;
  meta?: ModelMetadata;
  rowIndex?: number;
  /** More context (e.g. the relation being loaded); names only, never values. */
  extra?: Record<string, unknown>;
  /** The message of the general DatabaseError, when the caller has a better one. */
  failedMessage?: (driverCode: string | undefined) => string;
}

export function driverCodeOf(error: unknown): string | undefined {
  const code = (error as any)?.code ?? (error as any)?.errno;
  return code === undefined || code === null || code === '' ? undefined : String(code);
}

function fieldOf(meta: ModelMetadata | undefined, column: string | undefined): string {
  if (!column) return UNKNOWN_FIELD;
  return meta?.fields.find((f) => f.column === column)?.property ?? column;
}

/**
 * The library error for a classified failure: DatabaseBusyError for a wait the database
 * gave up on, ValidationError for a value it refused. Neither carries the driver's message
 * (it may quote the values); the driver error stays on `cause`.
 */
export function failureError(
  failure: DriverFailure,
  error: unknown,
  ctx: FailureContext,
): RegistryError {
  const { meta, operation, rowIndex } = ctx;
  const driverCode = driverCodeOf(error);
  const base = {
    ...(meta ? { model: meta.name, table: meta.table } : {}),
    operation,
    ...(rowIndex === undefined ? {} : { rowIndex }),
    ...ctx.extra,
    ...(driverCode ? { driverCode } : {}),
  };
  if (failure.kind === 'busy') {
    const waitedMs = waitedMsOf(error);
    return new DatabaseBusyError(
      databaseMessages.busy(
        ctx.label,
        operation,
        BUSY_WORDS[failure.reason],
        waitedMs,
        failure.reason === 'deadlock',
      ),
      {
        ...base,
        reason: failure.reason,
        retryable: true,
        ...(waitedMs === undefined ? {} : { waitedMs }),
      },
      { cause: error },
    );
  }
  const field = fieldOf(meta, failure.column);
  const problem = VALUE_WORDS[failure.problem];
  return new ValidationError(
    validationMessages.databaseRefused(ctx.label, operation, field, problem, rowIndex),
    [{ field, messages: [validationMessages.refusedByDatabase(field, problem)] }],
    { ...base, field, problem: failure.problem },
    { cause: error },
  );
}

/**
 * A driver error met outside a model's statements (a transaction's begin, commit or
 * savepoints; DDL): DatabaseBusyError or ValidationError when classified, else the general
 * DatabaseError with the driver error as `cause`. A RegistryError passes through.
 */
export function driverError(
  classify: (error: unknown) => DriverFailure | undefined,
  error: unknown,
  ctx: FailureContext,
): RegistryError {
  if (error instanceof RegistryError) return error;
  const failure = classify(error);
  if (failure) return failureError(failure, error, ctx);
  const driverCode = driverCodeOf(error);
  return new DatabaseError(
    ctx.failedMessage?.(driverCode) ??
      databaseMessages.statementFailed(ctx.label, ctx.operation, driverCode),
    {
      ...(ctx.meta ? { model: ctx.meta.name, table: ctx.meta.table } : {}),
      operation: ctx.operation,
      ...ctx.extra,
      ...(driverCode ? { driverCode } : {}),
    },
    { cause: error },
  );
}

/**
 * For callers that report their own failures (schema changes, migrations): the error to
 * throw instead when `error` is a busy database or a refused value, or already a
 * DatabaseError (e.g. a transaction that could not begin); undefined otherwise.
 */
export function classifiedError(
  classify: (error: unknown) => DriverFailure | undefined,
  error: unknown,
  ctx: FailureContext,
): RegistryError | undefined {
  if (error instanceof DatabaseError) return error;
  if (error instanceof RegistryError) return undefined;
  const failure = classify(error);
  return failure ? failureError(failure, error, ctx) : undefined;
}
