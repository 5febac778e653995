import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { and, eq, gte, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { CreateOrderDto } from './create-order.dto';
import { customerNotFound, linesByProduct, priceLines, stockRefusal } from './order-lines';
import { customers, orderItems, orders, products } from './pg-schema';
import { CustomerView, OrderView, ShopStore } from './shop-store';

/**
 * Drizzle over a node-postgres pool of 10 (the size the other servers use). The customer read
 * is prepared once, as a named statement, on the pool. An order's statements must run on its
 * transaction's pooled client, so they are built on `tx` per order; each is still given a
 * statement name, so every pooled connection parses it once and then only binds and executes.
 */
export class PgShopStore extends ShopStore implements OnApplicationShutdown {
  private readonly pool: Pool;
  private readonly db;
  private readonly customerById;

  constructor(url: string) {
    super();
    this.pool = new Pool({ connectionString: url, max: 10 });
    // An idle client the server drops (restart, terminated backend) must not end the process.
    this.pool.on('error', (error) => new Logger('PgShopStore').warn(error.message));
    const db = (this.db = drizzle({ client: this.pool }));
    this.customerById = db
      .select({
        id: customers.id,
        name: customers.name,
        email: customers.email,
        createdAt: customers.createdAt,
        updatedAt: customers.updatedAt,
      })
      .from(customers)
      .where(eq(customers.id, sql.placeholder('id')))
      .prepare('shop_customer_by_id');
  }

  async findCustomer(id: number): Promise<CustomerView | undefined> {
    const [customer] = await this.customerById.execute({ id });
    return customer;
  }

  createOrder(body: CreateOrderDto): Promise<OrderView> {
    return this.db.transaction(async (tx) => {
      const [customer] = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(eq(customers.id, body.customerId))
        .prepare('shop_customer_exists')
        .execute();
      if (!customer) throw customerNotFound(body.customerId);
      const now = new Date();
      const unitCents = new Map<number, number>();
      for (const line of linesByProduct(body)) {
        const { rowCount } = await tx
          .update(products)
          .set({ stock: sql`${products.stock} - ${line.quantity}`, updatedAt: now })
          .where(and(eq(products.id, line.productId), gte(products.stock, line.quantity)))
          .prepare('shop_take_stock')
          .execute();
        const [product] = await tx
          .select({ price: products.price, stock: products.stock })
          .from(products)
          .where(eq(products.id, line.productId))
          .prepare('shop_product_by_id')
          .execute();
        if (!rowCount || !product) throw stockRefusal(line, product);
        unitCents.set(line.productId, Math.round(product.price * 100));
      }
      const { lines, total } = priceLines(body, unitCents);
      const [{ id }] = await tx
        .insert(orders)
        .values({ customerId: body.customerId, total, createdAt: now })
        .returning({ id: orders.id })
        .prepare('shop_insert_order')
        .execute();
      await tx
        .insert(orderItems)
        .values(lines.map((line) => ({ orderId: id, ...line })))
        .prepare(`shop_insert_items_${lines.length}`)
        .execute();
      return { id, customerId: body.customerId, total, createdAt: now, items: lines };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
