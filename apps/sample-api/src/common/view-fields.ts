import { ApiProperty } from '@nestjs/swagger';
import { MAX_ID, MAX_PAGE_LIMIT, MAX_PRICE } from './limits';
import { MONEY_DESCRIPTION, TWO_DECIMALS } from './field-rules';

/** The schemas of answered fields, with the bounds the stored values keep. */
export const IdView = (example = 1) =>
  ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_ID, example });

export const CountView = (example: number, minimum = 0) =>
  ApiProperty({ type: 'integer', minimum, maximum: MAX_ID, example });

export const MoneyView = (example: number) =>
  ApiProperty({
    type: 'number',
    minimum: 0,
    maximum: MAX_PRICE,
    ...TWO_DECIMALS,
    example,
    description: MONEY_DESCRIPTION,
  });

/** `total`, `limit` and `offset` of a page (`total` counts every match, not just this page). */
export class PageFieldsView {
  @CountView(42) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, example: 20 })
  limit!: number;
  @CountView(0) offset!: number;
}
