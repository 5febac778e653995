/**
 * The bench shop: seeded customers and products, and the deterministic request sequence of
 * the load (request n always asks for the same customer or the same order lines).
 */
export const SHOP = { customers: 50, products: 20, stock: 1_000_000 };

export function customerSeed(i: number): { name: string; email: string; password: string } {
  return {
    name: `Customer ${i}`,
    email: `customer${i}@example.com`,
    password: `bench-password-${i}`,
  };
}

export function productSeed(i: number): { name: string; price: number; stock: number } {
  return { name: `Product ${i}`, price: priceCents(i) / 100, stock: SHOP.stock };
}

/** Prices with cents (1.37, 2.74, …), so totals exercise decimal handling. */
export function priceCents(productId: number): number {
  return 100 + productId * 137;
}

export function customerPath(n: number): string {
  return `/customers/${1 + (n % SHOP.customers)}`;
}

export interface OrderBody {
  customerId: number;
  items: Array<{ productId: number; quantity: number }>;
}

/** Two lines on two different products; at most 5 units per order, far below the stock. */
export function orderBody(n: number): OrderBody {
  return {
    customerId: 1 + (n % SHOP.customers),
    items: [
      { productId: 1 + ((n + 7) % SHOP.products), quantity: 1 + (n % 3) },
      { productId: 1 + (n % SHOP.products), quantity: 1 + (n % 2) },
    ],
  };
}

export function expectedTotal(body: OrderBody): number {
  return body.items.reduce((sum, l) => sum + priceCents(l.productId) * l.quantity, 0) / 100;
}
