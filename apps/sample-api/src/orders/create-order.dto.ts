import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, ValidateNested } from 'class-validator';
import { IntegerField } from '../common/field-rules';
import { MAX_ID } from '../common/limits';

export const MAX_ORDER_LINES = 100;
export const MAX_LINE_QUANTITY = 10_000;

export class OrderLineDto {
  @IntegerField({ example: 1, minimum: 1, maximum: MAX_ID })
  productId!: number;

  @IntegerField({ example: 2, minimum: 1, maximum: MAX_LINE_QUANTITY })
  quantity!: number;
}

/** 1..MAX_ORDER_LINES lines, no product twice; the array check runs first (see field-rules). */
const OrderLines = () =>
  applyDecorators(
    ApiProperty({
      type: [OrderLineDto],
      minItems: 1,
      maxItems: MAX_ORDER_LINES,
      description: 'One line per product: a `productId` appears at most once (`x-unique-by`).',
      // JSON Schema's uniqueItems compares whole items; this extension names the key.
      ...({ 'x-unique-by': 'productId' } as Record<string, unknown>),
    }),
    IsArray(),
    ArrayNotEmpty(),
    ArrayMaxSize(MAX_ORDER_LINES),
    ArrayUnique((line: OrderLineDto) => line?.productId, {
      message: 'items must not repeat a product',
    }),
    ValidateNested({ each: true }),
    Type(() => OrderLineDto),
  );

export class CreateOrderDto {
  @IntegerField({ example: 1, minimum: 1, maximum: MAX_ID })
  customerId!: number;

  @OrderLines()
  items!: OrderLineDto[];
}
