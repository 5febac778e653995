import { isPasswordHash } from '@registers/db';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Refuses a value shaped like a stored password hash. The manager keeps such values as
 * they are (for migrated users), so a client could otherwise set a hash it chose.
 */
export function IsNotPasswordHash(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotPasswordHash',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isPasswordHash(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'password'} must be a plain password, not a password hash`,
      },
    },
    options,
  );
}
