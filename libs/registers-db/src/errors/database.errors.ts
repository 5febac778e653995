import { RegistryError } from './registry-error';

/**
 * The database refused a statement for a reason this library does not name more precisely.
 * The driver's error is kept as `cause` only: its message may quote submitted values, so it
 * never reaches `message`, `context` or `toJSON()`. `context.driverCode` has its code.
 */
export class DatabaseError extends RegistryError {}

/**
 * The database did not get to the statement in time: a lock held by another connection
 * (SQLite busy, a lock wait or statement timeout, a deadlock). Nothing of the failed
 * statement was written, and running it again later may succeed: `retryable` says so.
 * `context.waitedMs` is how long the statement waited, `context.reason` which wait ended it
 * (`busy`, `locked`, `lock-timeout`, `statement-timeout`, `deadlock`). After a `deadlock` the
 * database has rolled back the whole transaction: retry the transaction, not the statement.
 */
export class DatabaseBusyError extends DatabaseError {
  readonly retryable = true;
}

/** A write broke a constraint of the table: the parent of the four kinds below. */
export class ConstraintViolationError extends DatabaseError {}

/** Another record already has this primary key. */
export class DuplicateKeyError extends ConstraintViolationError {}

/** Another record already has these values of a unique field or group. */
export class UniqueConstraintError extends ConstraintViolationError {}

/** A foreign key names no existing record, or a record is still referenced. */
export class ForeignKeyViolationError extends ConstraintViolationError {}

/** A required column would be NULL. */
export class NotNullViolationError extends ConstraintViolationError {}
