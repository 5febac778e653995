import { CreateOrderDto } from './create-order.dto';

export interface CustomerView {
  id: number;
  name: string;
  email: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrderLineView {
  productId: number;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
}

export interface OrderView {
  id: number;
  customerId: number;
  total: number;
  createdAt: Date;
  items: OrderLineView[];
}

/**
 * The shop's data access, one implementation per Drizzle dialect (their query builders have
 * different types): `SqliteShopStore` (better-sqlite3) and `PgShopStore` (node-postgres).
 * An abstract class, so it is also the Nest injection token.
 */
export abstract class ShopStore {
  /** The customer without its password hash, or undefined. */
  abstract findCustomer(id: number): Promise<CustomerView | undefined>;

  /**
   * One transaction: 404 for an unknown customer or product, 409 when a product lacks the
   * stock, and any error rolls every decrement back. Products are taken in id order, and the
   * conditional UPDATE never lets concurrent orders oversell. Money is summed in cents.
   */
  abstract createOrder(body: CreateOrderDto): Promise<OrderView>;
}
