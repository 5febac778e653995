import { ValidateBy, ValidationOptions } from 'class-validator';
import { hasAtMostTwoDecimals } from './money';

/**
 * A number with at most two decimals, in any JSON notation; used instead of `IsNumber`'s
 * `maxDecimalPlaces`, which throws on `1e-7`. Non-numbers pass: `IsNumber` reports them.
 */
export function HasAtMostTwoDecimals(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasAtMostTwoDecimals',
      validator: {
        validate: (value: unknown) => typeof value !== 'number' || hasAtMostTwoDecimals(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must have at most two decimals`,
      },
    },
    options,
  );
}
