import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { MaxChars } from './char-length-rules';
import { QueryDecimal, QueryInteger } from './query-values';

/*
 * Query parameters are request-only: they are not fields of a model, so their rules and
 * schemas are declared here, each from one set of bounds so the document says what the
 * validation does. As on the models (`model-rules.ts`), the type check is registered first,
 * so a value of the wrong type gets only the type's message (`limit must be an integer number`).
 */

interface Bounds {
  minimum: number;
  maximum: number;
  description?: string;
}

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

/** An optional string of a query string, at most `maxLength` characters; empty is allowed. */
export const QueryTextField = ({
  maxLength,
  description,
}: {
  maxLength: number;
  description?: string;
}) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'string', maxLength, description }),
    IsOptional(),
    IsString(),
    MaxChars(maxLength),
  );
