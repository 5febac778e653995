import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * The number of characters (Unicode code points) in a string: what JSON Schema's
 * `minLength`/`maxLength` count and what PostgreSQL's `varchar(n)` holds. class-validator's
 * `MinLength`/`MaxLength` (validator.js) do not count the variation selectors U+FE0E/U+FE0F,
 * so a 101-character name ending in one would pass a limit of 100 there.
 */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** `MinLength` counting code points, with class-validator's message and constraint name. */
export function MinChars(min: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'minLength',
      constraints: [min],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && characterCount(value) >= min,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be longer than or equal to $constraint1 characters`,
          options,
        ),
      },
    },
    options,
  );
}

/** `MaxLength` counting code points, with class-validator's message and constraint name. */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && characterCount(value) <= max,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be shorter than or equal to $constraint1 characters`,
          options,
        ),
      },
    },
    options,
  );
}
