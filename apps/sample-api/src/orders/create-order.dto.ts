import { applyDecorators } from '@nestjs/common';
import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { CreateDto } from '@registers/db/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, ValidateNested } from 'class-validator';
import { MAX_ORDER_LINES } from '../common/limits';
import { OrderItem } from './order-item.model';
import { Order } from './order.model';

/** One line of an order: `productId` and `quantity` with OrderItem's rules. */
export class OrderLineDto extends PickType(CreateDto(OrderItem), [
  'productId',
  'quantity',
] as const) {
  declare productId: number;
  declare quantity: number;
}

/**
 * The request-only part of an order: its lines. An order's lines are OrderItems, not a field
 * of Order, so the list rules (1..MAX_ORDER_LINES lines, no product twice) belong to the
 * request. The array check runs first (see common/model-rules).
 */
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

class OrderLinesBody {
  @OrderLines()
  items!: OrderLineDto[];
}

/**
 * `POST /orders`: `customerId` with Order's rules, then the lines. An intersection (not a
 * subclass) keeps the fields in this order, so their issues are listed in this order too.
 */
export class CreateOrderDto extends IntersectionType(
  PickType(CreateDto(Order), ['customerId'] as const),
  OrderLinesBody,
) {
  declare customerId: number;
}
