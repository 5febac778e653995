import { Injectable } from '@nestjs/common';
import { DatabaseRegistry, InjectManager, InjectRegistry, Manager } from '@registers/db';
import { fromCents, toCents } from '../common/money';
import type { Page } from '../common/page';
import { Customer } from '../customers/customer.model';
import { Product } from '../products/product.model';
import { CreateOrderDto } from './create-order.dto';
import { InsufficientStockException } from './insufficient-stock.exception';
import { ListOrdersQuery } from './list-orders.query';
import { OrderItem } from './order-item.model';
import { Order } from './order.model';
import { priceLines } from './order-lines';
import { OrderView, toOrderView } from './order.view';
import { stockDecrementSql } from './stock-decrement';

@Injectable()
export class OrdersService {
  private decrementSql?: string;

  constructor(
    @InjectRegistry() private readonly registry: DatabaseRegistry,
    @InjectManager(Customer) private readonly customers: Manager<Customer>,
    @InjectManager(Product) private readonly products: Manager<Product>,
    @InjectManager(Order) private readonly orders: Manager<Order>,
    @InjectManager(OrderItem) private readonly orderItems: Manager<OrderItem>,
  ) {}

  /**
   * One transaction: the customer must exist (404), every product must exist (404) and have
   * the stock (409), and the total must fit its column (422); any failure rolls back every
   * decrement, so nothing changes. Lines are decremented in product id order so concurrent
   * orders lock rows in the same order.
   */
  create(body: CreateOrderDto): Promise<OrderView> {
    this.decrementSql ??= stockDecrementSql(this.registry);
    const sql = this.decrementSql;
    return this.registry.transaction(async () => {
      await this.customers.require(body.customerId);
      const now = new Date();
      const unitCents = new Map<number, number>();
      const byProductId = [...body.items].sort((a, b) => a.productId - b.productId);
      for (const line of byProductId) {
        const params = { quantity: line.quantity, now, id: line.productId };
        const changed = await this.products.executeRaw(sql, params);
        const product = await this.products.require(line.productId);
        if (changed === 0)
          throw new InsufficientStockException(line.productId, line.quantity, product.stock);
        unitCents.set(line.productId, toCents(product.price));
      }
      const { lines, totalCents } = priceLines(body.items, unitCents);
      const order = await this.orders.create({
        customerId: body.customerId,
        total: fromCents(totalCents),
        createdAt: now,
      });
      const items = await this.orderItems.bulkCreate(
        lines.map((line) => ({
          orderId: order.id!,
          productId: line.productId,
          quantity: line.quantity,
          unitPrice: fromCents(line.unitCents),
          lineTotal: fromCents(line.lineCents),
        })),
      );
      return toOrderView(order, items);
    });
  }

  async find(id: number): Promise<OrderView> {
    const order = await this.orders.require(id);
    const items = await this.orderItems.filter({ orderId: id }, { orderBy: 'id' });
    return toOrderView(order, items);
  }

  /** Newest first (id descending), each order with its items (one query for all items). */
  async list(query: ListOrdersQuery): Promise<Page<OrderView>> {
    const [orders, total] = await Promise.all([
      this.orders.all({ orderBy: '-id', limit: query.limit, offset: query.offset }),
      this.orders.count(),
    ]);
    const ids = orders.map((o) => o.id!);
    const items = ids.length
      ? await this.orderItems.filter({ orderId__in: ids }, { orderBy: 'id' })
      : [];
    const itemsByOrder = new Map<number, OrderItem[]>();
    for (const item of items) {
      const list = itemsByOrder.get(item.orderId) ?? [];
      list.push(item);
      itemsByOrder.set(item.orderId, list);
    }
    return {
      items: orders.map((o) => toOrderView(o, itemsByOrder.get(o.id!) ?? [])),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
