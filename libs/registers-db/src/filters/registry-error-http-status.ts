import {
  DuplicateKeyError,
  ForeignKeyViolationError,
  ImmutableFieldError,
  InvalidPrimaryKeyAssignmentError,
  InvalidQueryError,
  RecordNotFoundError,
  RegistryError,
  UniqueConstraintError,
  ValidationError,
} from '../errors';

type RegistryErrorClass = abstract new (...args: never[]) => RegistryError;

/** Errors the client caused, by HTTP status. Every other RegistryError is a 500. */
export const REGISTRY_ERROR_HTTP_STATUS: ReadonlyArray<readonly [RegistryErrorClass, number]> = [
  [RecordNotFoundError, 404],
  [UniqueConstraintError, 409],
  [DuplicateKeyError, 409],
  [ForeignKeyViolationError, 409],
  [ValidationError, 400],
  [InvalidQueryError, 400],
  [InvalidPrimaryKeyAssignmentError, 400],
  [ImmutableFieldError, 400],
];

export function httpStatusForRegistryError(error: RegistryError): number {
  for (const [errorClass, status] of REGISTRY_ERROR_HTTP_STATUS) {
    if (error instanceof errorClass) return status;
  }
  return 500;
}
