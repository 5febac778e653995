import { ApiProperty } from '@nestjs/swagger';
import { money } from '../common/money';
import type { OrderItem } from './order-item.model';
import type { Order } from './order.model';

export class OrderItemView {
  @ApiProperty({ example: 1 }) productId!: number;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({ example: 19.99 }) unitPrice!: number;
  @ApiProperty({ example: 39.98 }) lineTotal!: number;
}

export class OrderView {
  @ApiProperty({ example: 1 }) id!: number;
  @ApiProperty({ example: 1 }) customerId!: number;
  @ApiProperty({ example: 39.98 }) total!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: [OrderItemView] }) items!: OrderItemView[];
}

export class OrderPageView {
  @ApiProperty({ type: [OrderView] }) items!: OrderView[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

export function toOrderView(order: Order, items: OrderItem[]): OrderView {
  return {
    id: order.id!,
    customerId: order.customerId,
    total: money(order.total),
    createdAt: order.createdAt,
    items: items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPrice: money(item.unitPrice),
      lineTotal: money(item.lineTotal),
    })),
  };
}
