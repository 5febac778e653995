import { expectStatus, requestJson } from './http-json';
import { customerSeed, expectedTotal, orderBody, SHOP } from './shop-data';
import type { ShopTables } from './shop-tables';

const CUSTOMER_KEYS = 'createdAt,email,id,name,updatedAt';
const ORDER_KEYS = 'createdAt,customerId,id,items,total';

function fail(what: string, body: unknown): never {
  throw new Error(`${what}: ${JSON.stringify(body).slice(0, 300)}`);
}

/**
 * Untimed, before any load: both endpoints answer as SPEC 5.3 says on this server (fields,
 * values, 404s, a 409 that changes nothing). Returns `GET /customers/1`'s body, which must be
 * the same on every server since they share the rows.
 */
export async function checkContract(
  name: string,
  baseUrl: string,
  tables: ShopTables,
): Promise<unknown> {
  const customer = await requestJson(baseUrl, 'GET', '/customers/1');
  expectStatus(`${name} GET /customers/1`, customer, 200);
  const c = customer.body as Record<string, unknown>;
  if (Object.keys(c).sort().join(',') !== CUSTOMER_KEYS || c.email !== customerSeed(1).email)
    fail(`${name} GET /customers/1 returned`, c);
  expectStatus(
    `${name} GET unknown customer`,
    await requestJson(baseUrl, 'GET', '/customers/999999'),
    404,
  );

  const body = orderBody(1);
  const order = await requestJson(baseUrl, 'POST', '/orders', body);
  expectStatus(`${name} POST /orders`, order, 201);
  const o = order.body as Record<string, unknown> & { items: Array<Record<string, number>> };
  const lines = body.items.map((l) => `${l.productId}×${l.quantity}`).join(',');
  const answered = (o.items ?? []).map((l) => `${l.productId}×${l.quantity}`).join(',');
  if (
    Object.keys(o).sort().join(',') !== ORDER_KEYS ||
    o.total !== expectedTotal(body) ||
    o.customerId !== body.customerId ||
    answered !== lines
  )
    fail(`${name} POST /orders returned`, o);

  const unknown = { customerId: 1, items: [{ productId: 999999, quantity: 1 }] };
  expectStatus(
    `${name} order of an unknown product`,
    await requestJson(baseUrl, 'POST', '/orders', unknown),
    404,
  );

  const orders = await tables.count('orders');
  await tables.setAllStock(1);
  try {
    const tooMany = {
      customerId: 1,
      items: [
        { productId: 1, quantity: 1 },
        { productId: 2, quantity: 2 },
      ],
    };
    expectStatus(
      `${name} order beyond the stock`,
      await requestJson(baseUrl, 'POST', '/orders', tooMany),
      409,
    );
    if ((await tables.stockOf(1)) !== 1 || (await tables.count('orders')) !== orders)
      throw new Error(`${name}: a refused order changed the stock or wrote an order`);
  } finally {
    await tables.setAllStock(SHOP.stock);
  }
  return c;
}
