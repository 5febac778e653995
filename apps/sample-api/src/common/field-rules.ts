import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { MaxChars, MinChars } from './char-length-rules';
import { MAX_PRICE } from './limits';
import { HasAtMostTwoDecimals } from './money-rules';
import { QueryDecimal, QueryInteger } from './query-values';

/*
 * Each field's rules and its OpenAPI schema from one set of bounds, so the document says what
 * the validation does. The validation pipe stops at a field's first failing rule
 * (`stopAtFirstError`), and class-validator runs a field's rules in the order they were
 * registered: `applyDecorators` registers them in the order listed here, type check first, so a
 * value of the wrong type gets only the type's message (`limit must be an integer number`),
 * never bound messages that contradict each other.
 */

interface Bounds {
  minimum: number;
  maximum: number;
  example?: number;
  description?: string;
}

/** A required integer of a body, `minimum..maximum`. */
export const IntegerField = ({ minimum, maximum, example, description }: Bounds) =>
  applyDecorators(
    ApiProperty({ type: 'integer', minimum, maximum, example, description }),
    IsInt(),
    Min(minimum),
    Max(maximum),
  );

/** An optional integer of a query string (digits only; anything else is left to `IsInt`). */
export const QueryIntegerField = (bounds: Bounds & { default: number }) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', ...bounds }),
    IsOptional(),
    QueryInteger(),
    IsInt(),
    Min(bounds.minimum),
    Max(bounds.maximum),
  );

/**
 * An optional decimal of a query string, `minimum..maximum`, any number of decimals, written
 * in plain decimal notation (`QueryDecimal`: `12.5`, not `1e1` or `.5`).
 */
export const QueryDecimalField = ({ minimum, maximum, description }: Bounds) =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'number',
      minimum,
      maximum,
      description: `${description ?? ''} Plain decimal notation (\`12.5\`; \`1e1\` is 400).`.trim(),
    }),
    IsOptional(),
    QueryDecimal(),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(minimum),
    Max(maximum),
  );

export const MONEY_DESCRIPTION =
  'An amount of money: a JSON number with at most two decimals (`x-decimal-places: 2`), ' +
  '0 to 9999999999.99, what a `decimal(12, 2)` holds.';

/**
 * Money has at most two decimals. `multipleOf: 0.01` cannot say it: binary floating point makes
 * common validators (ajv, Redocly) refuse 19.99 as "not a multiple of 0.01". The document says
 * it in the description and in this extension, which the document's own tests read.
 */
export const TWO_DECIMALS = { 'x-decimal-places': 2 } as Record<string, unknown>;

/** A required price of a body: 0..MAX_PRICE with at most two decimals, in any JSON notation. */
export const MoneyField = (example: number) =>
  applyDecorators(
    ApiProperty({
      type: 'number',
      minimum: 0,
      maximum: MAX_PRICE,
      ...TWO_DECIMALS,
      example,
      description: `${MONEY_DESCRIPTION} Any JSON notation: \`1e2\` is 100, \`1e-7\` is refused.`,
    }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    HasAtMostTwoDecimals(),
    Min(0),
    Max(MAX_PRICE),
  );

interface TextBounds {
  minLength?: number;
  maxLength: number;
  example?: string;
  description?: string;
  writeOnly?: boolean;
}

/**
 * A required string of a body, stored exactly as sent; `minLength` 1 is `IsNotEmpty`.
 * Lengths count characters (code points: an emoji is one), like JSON Schema (MinChars).
 */
export const TextField = ({ minLength = 1, maxLength, ...rest }: TextBounds) =>
  applyDecorators(
    ApiProperty({ type: 'string', minLength, maxLength, ...rest }),
    IsString(),
    minLength === 1 ? IsNotEmpty() : MinChars(minLength),
    MaxChars(maxLength),
  );

/** An optional string of a query string, at most `maxLength` characters; empty is allowed. */
export const QueryTextField = ({ maxLength, description }: TextBounds) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'string', maxLength, description }),
    IsOptional(),
    IsString(),
    MaxChars(maxLength),
  );
