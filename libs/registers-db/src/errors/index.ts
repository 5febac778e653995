/**
 * Every error of @registers/db, as a tree: catch a parent to handle its whole family.
 *
 * RegistryError
 * ├─ ConfigurationError ─ ModelRegistrationError, RelationshipError
 * ├─ SchemaError ─ MigrationError
 * ├─ DatabaseError (a driver error, kept as `cause`)
 * │  ├─ DatabaseBusyError (a lock or timeout; `retryable`)
 * │  └─ ConstraintViolationError ─ DuplicateKeyError, UniqueConstraintError,
 * │                               ForeignKeyViolationError, NotNullViolationError
 * ├─ ValidationError (also a value the database refused as out of range or too long)
 * ├─ InvalidQueryError
 * └─ RecordNotFoundError, InvalidPrimaryKeyAssignmentError, ImmutableFieldError
 */
export { RegistryError, type RegistryErrorContext } from './registry-error';
export {
  ConfigurationError,
  ModelRegistrationError,
  RelationshipError,
} from './configuration.errors';
export { MigrationError, SchemaError } from './schema.errors';
export {
  ConstraintViolationError,
  DatabaseBusyError,
  DatabaseError,
  DuplicateKeyError,
  ForeignKeyViolationError,
  NotNullViolationError,
  UniqueConstraintError,
} from './database.errors';
export {
  ImmutableFieldError,
  InvalidPrimaryKeyAssignmentError,
  InvalidQueryError,
  RecordNotFoundError,
} from './record.errors';
export { ValidationError, type FieldValidationIssue } from './validation.error';
