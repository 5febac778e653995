import { ApiProperty, PickType } from '@nestjs/swagger';
import { toView, ViewDto } from '@registers/db/swagger';
import { MAX_ORDER_LINES } from '../common/limits';
import { PageFieldsView } from '../common/view-fields';
import { OrderItem } from './order-item.model';
import { Order } from './order.model';

/** One line of an answered order: OrderItem's fields without its own id and order id. */
export class OrderItemView extends PickType(ViewDto(OrderItem), [
  'productId',
  'quantity',
  'unitPrice',
  'lineTotal',
] as const) {}

/** An order with its lines (which are OrderItems, so `items` is the one field added here). */
export class OrderView extends ViewDto(Order) {
  @ApiProperty({ type: [OrderItemView], minItems: 1, maxItems: MAX_ORDER_LINES })
  items!: OrderItemView[];
}

export class OrderPageView extends PageFieldsView {
  @ApiProperty({ type: [OrderView] }) items!: OrderView[];
}

export function toOrderView(order: Order, items: OrderItem[]): OrderView {
  return toView(OrderView, {
    ...order,
    items: items.map((item) => toView(OrderItemView, item)),
  });
}
