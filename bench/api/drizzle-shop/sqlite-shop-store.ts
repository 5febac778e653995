import { OnApplicationShutdown } from '@nestjs/common';
import Database from 'better-sqlite3';
import { and, eq, gte, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { CreateOrderDto } from './create-order.dto';
import { customerNotFound, linesByProduct, priceLines, stockRefusal } from './order-lines';
import { customers, orderItems, orders, products } from './sqlite-schema';
import { CustomerView, OrderView, ShopStore } from './shop-store';

const p = sql.placeholder;

/**
 * Drizzle over better-sqlite3: one connection with the pragmas the registers connection uses
 * (WAL, `synchronous = NORMAL`, busy timeout 5 s) and every statement prepared once at start.
 * better-sqlite3 is synchronous, so a transaction is one synchronous call and the statements
 * prepared on `db` run inside it (same connection).
 */
export class SqliteShopStore extends ShopStore implements OnApplicationShutdown {
  private readonly sqlite: Database.Database;
  private readonly db;
  private readonly customerById;
  private readonly customerExists;
  private readonly takeStock;
  private readonly productById;
  private readonly insertOrder;
  private readonly insertItem;

  constructor(file: string) {
    super();
    this.sqlite = new Database(file, { timeout: 5000 });
    this.sqlite.pragma('journal_mode = WAL');
    this.sqlite.pragma('synchronous = NORMAL');
    const db = (this.db = drizzle({ client: this.sqlite }));

    this.customerById = db
      .select({
        id: customers.id,
        name: customers.name,
        email: customers.email,
        createdAt: customers.createdAt,
        updatedAt: customers.updatedAt,
      })
      .from(customers)
      .where(eq(customers.id, p('id')))
      .prepare();
    this.customerExists = db
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, p('id')))
      .prepare();
    this.takeStock = db
      .update(products)
      .set({
        stock: sql`${products.stock} - ${p('quantity')}`,
        // set() takes no placeholder; a Param keeps the column's Date → ISO text encoding.
        updatedAt: sql`${sql.param(p('now'), products.updatedAt)}`,
      })
      .where(and(eq(products.id, p('id')), gte(products.stock, p('quantity'))))
      .prepare();
    this.productById = db
      .select({ price: products.price, stock: products.stock })
      .from(products)
      .where(eq(products.id, p('id')))
      .prepare();
    this.insertOrder = db
      .insert(orders)
      .values({ customerId: p('customerId'), total: p('total'), createdAt: p('createdAt') })
      .returning({ id: orders.id })
      .prepare();
    this.insertItem = db
      .insert(orderItems)
      .values({
        orderId: p('orderId'),
        productId: p('productId'),
        quantity: p('quantity'),
        unitPrice: p('unitPrice'),
        lineTotal: p('lineTotal'),
      })
      .prepare();
  }

  async findCustomer(id: number): Promise<CustomerView | undefined> {
    return this.customerById.get({ id });
  }

  async createOrder(body: CreateOrderDto): Promise<OrderView> {
    return this.db.transaction(
      () => {
        if (!this.customerExists.get({ id: body.customerId }))
          throw customerNotFound(body.customerId);
        const now = new Date();
        const unitCents = new Map<number, number>();
        for (const line of linesByProduct(body)) {
          const { changes } = this.takeStock.run({
            id: line.productId,
            quantity: line.quantity,
            now,
          });
          const product = this.productById.get({ id: line.productId });
          if (!changes || !product) throw stockRefusal(line, product);
          unitCents.set(line.productId, Math.round(product.price * 100));
        }
        const { lines, total } = priceLines(body, unitCents);
        const { id } = this.insertOrder.get({
          customerId: body.customerId,
          total,
          createdAt: now,
        })!;
        for (const line of lines) this.insertItem.run({ orderId: id, ...line });
        return { id, customerId: body.customerId, total, createdAt: now, items: lines };
      },
      { behavior: 'immediate' },
    );
  }

  onApplicationShutdown(): void {
    this.sqlite.close();
  }
}
