import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { MaxChars, MinChars } from './char-length-rules';
import { MAX_ID, MAX_PRICE } from './limits';
import { HasAtMostTwoDecimals } from './money-rules';

/*
 * The rules of the models' fields. They are declared once, on the models: the manager checks
 * them on every write, and `@registers/db/swagger` copies them onto the request DTOs and the
 * OpenAPI document (`CreateDto`, `UpdateDto`, `ViewDto`). The validation pipe stops at a
 * field's first failing rule (`stopAtFirstError`), and class-validator runs a field's rules in
 * the order they were registered: `applyDecorators` registers them in the order listed here,
 * type check first, so a value of the wrong type gets only the type's message
 * (`stock must be an integer number`), never bound messages that contradict each other.
 */

/** A generated key: positive, so the document types ids as 1..2147483647. */
export const IdRules = () => applyDecorators(IsOptional(), IsInt(), Min(1));

/** An integer `minimum..maximum` (a key reference, a count). */
export const IntegerRules = (minimum: number, maximum = MAX_ID) =>
  applyDecorators(IsInt(), Min(minimum), Max(maximum));

/**
 * A string stored exactly as sent, `minLength..maxLength` characters (code points, as JSON
 * Schema counts them and `varchar(n)` holds them; `MinChars`/`MaxChars`). `minLength` 1 is
 * `IsNotEmpty`.
 */
export const TextRules = (maxLength: number, minLength = 1) =>
  applyDecorators(
    IsString(),
    minLength === 1 ? IsNotEmpty() : MinChars(minLength),
    MaxChars(maxLength),
  );

/**
 * Money: 0..MAX_PRICE with at most two decimals, in any JSON notation, what a
 * `decimal(12, 2)` holds. `HasAtMostTwoDecimals` is used instead of `IsNumber`'s
 * `maxDecimalPlaces`, which throws on `1e-7`.
 */
export const MoneyRules = () =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }),
    HasAtMostTwoDecimals(),
    Min(0),
    Max(MAX_PRICE),
  );

export const MONEY_DESCRIPTION =
  'An amount of money: a JSON number with at most two decimals (`x-decimal-places: 2`), ' +
  '0 to 9999999999.99, what a `decimal(12, 2)` holds. Any JSON notation: `1e2` is 100, ' +
  '`1e-7` is refused.';

/**
 * The documentation of a money field. `multipleOf: 0.01` cannot say "two decimals": binary
 * floating point makes common validators (ajv, Redocly) refuse 19.99 as "not a multiple of
 * 0.01". The document says it in the description and in the `x-decimal-places` extension,
 * which the document's own tests read. Bounds and type come from `MoneyRules`.
 */
export const MoneyDocs = (example: number) =>
  ApiProperty({
    example,
    description: MONEY_DESCRIPTION,
    ...({ 'x-decimal-places': 2 } as Record<string, unknown>),
  });

export const STORED_AS_SENT =
  'Stored exactly as sent (not trimmed); well-formed text (no NUL, no unpaired surrogates).';
