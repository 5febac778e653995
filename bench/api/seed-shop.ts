import { expectStatus, requestJson } from './http-json';
import { customerSeed, expectedTotal, orderBody, productSeed, SHOP } from './shop-data';

/**
 * Seeds the shop through the sample API itself (untimed): its tables are created on first use,
 * and passwords are hashed the sample's way. One order creates the order tables too.
 */
export async function seedShop(baseUrl: string): Promise<void> {
  // One at a time, so customer i and product i get id i on every dialect.
  for (let i = 1; i <= SHOP.customers; i++) {
    const res = await requestJson(baseUrl, 'POST', '/customers', customerSeed(i));
    expectStatus(`seed customer ${i}`, res, 201);
    if ((res.body as { id: number }).id !== i)
      throw new Error(`seed: customer ${i} got another id`);
  }
  for (let i = 1; i <= SHOP.products; i++) {
    const res = await requestJson(baseUrl, 'POST', '/products', productSeed(i));
    expectStatus(`seed product ${i}`, res, 201);
    if ((res.body as { id: number }).id !== i) throw new Error(`seed: product ${i} got another id`);
  }
  const first = await requestJson(baseUrl, 'POST', '/orders', orderBody(0));
  expectStatus('seed order', first, 201);
  if ((first.body as { total: number }).total !== expectedTotal(orderBody(0)))
    throw new Error(`seed order: unexpected total ${JSON.stringify(first.body)}`);
}
