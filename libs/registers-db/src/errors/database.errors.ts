import { RegistryError } from './registry-error';

/**
 * The database refused a statement for a reason this library does not name more precisely.
 * The driver's error is kept as `cause` only: its message may quote submitted values, so it
 * never reaches `message`, `context` or `toJSON()`. `context.driverCode` has its code.
 */
export class DatabaseError extends RegistryError {}

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
