import { RegistryError } from './registry-error';

/** No record matches the key or filter of an operation that needs one. */
export class RecordNotFoundError extends RegistryError {}

/** A write tried to set or change a primary key the model generates or fixes. */
export class InvalidPrimaryKeyAssignmentError extends RegistryError {}

/** A write tried to change a field declared immutable. */
export class ImmutableFieldError extends RegistryError {}

/** A filter, ordering or raw statement cannot be compiled as given. */
export class InvalidQueryError extends RegistryError {}
