import { ApiProperty } from '@nestjs/swagger';
import { money } from '../common/money';
import { IdView, MoneyView, PageFieldsView } from '../common/view-fields';
import { MAX_LINE_QUANTITY, MAX_ORDER_LINES } from './create-order.dto';
import type { OrderItem } from './order-item.model';
import type { Order } from './order.model';

export class OrderItemView {
  @IdView() productId!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_LINE_QUANTITY, example: 2 })
  quantity!: number;
  @MoneyView(19.99) unitPrice!: number;
  @MoneyView(39.98) lineTotal!: number;
}

export class OrderView {
  @IdView() id!: number;
  @IdView() customerId!: number;
  @MoneyView(39.98) total!: number;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: [OrderItemView], minItems: 1, maxItems: MAX_ORDER_LINES })
  items!: OrderItemView[];
}

export class OrderPageView extends PageFieldsView {
  @ApiProperty({ type: [OrderView] }) items!: OrderView[];
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
