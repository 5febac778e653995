import { Transform } from 'class-transformer';

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Query strings are text: digits become a number, anything else is left as it is so that
 * the validation rules reject it (`?limit=abc`, `?limit=1.5`, `?limit=` and repeats are 400).
 */
export function QueryInteger(): PropertyDecorator {
  return Transform(({ value }) =>
    typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : value,
  );
}

export function QueryDecimal(): PropertyDecorator {
  return Transform(({ value }) =>
    typeof value === 'string' && DECIMAL_TEXT.test(value) ? Number(value) : value,
  );
}
