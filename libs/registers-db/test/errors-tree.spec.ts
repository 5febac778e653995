import * as api from '../src';
import {
  ConfigurationError,
  ConstraintViolationError,
  DatabaseBusyError,
  DatabaseError,
  DuplicateKeyError,
  ForeignKeyViolationError,
  MigrationError,
  ModelRegistrationError,
  NotNullViolationError,
  RegistryError,
  RelationshipError,
  SchemaError,
  UniqueConstraintError,
  ValidationError,
} from '../src/errors';

describe('the error tree', () => {
  it.each([
    [DuplicateKeyError, [ConstraintViolationError, DatabaseError]],
    [UniqueConstraintError, [ConstraintViolationError, DatabaseError]],
    [ForeignKeyViolationError, [ConstraintViolationError, DatabaseError]],
    [NotNullViolationError, [ConstraintViolationError, DatabaseError]],
    [ConstraintViolationError, [DatabaseError]],
    [DatabaseBusyError, [DatabaseError]],
    [ModelRegistrationError, [ConfigurationError]],
    [RelationshipError, [ConfigurationError]],
    [MigrationError, [SchemaError]],
  ] as const)('%p is caught by its family parents', (errorClass, parents) => {
    const error = new errorClass('m', { model: 'User' });
    for (const parent of [...parents, RegistryError, Error]) expect(error).toBeInstanceOf(parent);
    expect(error.name).toBe(errorClass.name);
    expect(error.toJSON()).toEqual({
      type: errorClass.name,
      message: 'm',
      context: { model: 'User' },
    });
  });

  it('keeps families apart: a constraint violation is no schema or configuration error', () => {
    const error = new UniqueConstraintError('m');
    expect(error).not.toBeInstanceOf(SchemaError);
    expect(error).not.toBeInstanceOf(ConfigurationError);
    expect(new DatabaseError('m')).not.toBeInstanceOf(ConstraintViolationError);
    expect(new DatabaseBusyError('m')).not.toBeInstanceOf(ConstraintViolationError);
    expect(new DatabaseBusyError('m').retryable).toBe(true);
    expect(new DatabaseBusyError('m')).not.toBeInstanceOf(SchemaError);
    expect(new SchemaError('m')).not.toBeInstanceOf(DatabaseError);
  });

  it('keeps a driver error as cause and out of the serialized form', () => {
    const driverError = Object.assign(new Error("duplicate value 'secret'"), { code: 'X1' });
    const error = new DatabaseError(
      'User.create failed: database error X1',
      { driverCode: 'X1' },
      { cause: driverError },
    );
    expect(error.cause).toBe(driverError);
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('is exported from the package entry point', () => {
    for (const name of [
      'DatabaseError',
      'DatabaseBusyError',
      'ConstraintViolationError',
      'ValidationError',
    ] as const)
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    expect(
      new ValidationError('m', [{ field: 'email', messages: ['bad'] }]).context.fields,
    ).toEqual(['email']);
  });
});
