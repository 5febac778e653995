/**
 * Order totals at the edge of `decimal(12, 2)`, against each dialect: every accepted total fits
 * its column and is exact to the cent; a total that would not fit is a 422 with nothing
 * written (no order, no items, no stock taken).
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { MAX_PRICE } from '../src/common/limits';
import { OrderItem } from '../src/orders/order-item.model';
import { Order } from '../src/orders/order.model';
import { Product } from '../src/products/product.model';
import { ApiHarness, startApi, useFastPasswordHashes } from './support/api-app';

jest.setTimeout(60_000);

describeEachDialect('sample api order money', (target) => {
  let api: ApiHarness;
  let customerId: number;

  const product = async (price: number, stock = 10_000): Promise<number> => {
    const res = await api
      .http()
      .post('/products')
      .send({ name: `P ${price}`, price, stock });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const order = (items: Array<{ productId: number; quantity: number }>) =>
    api.http().post('/orders').send({ customerId, items });
  const state = async (...productIds: number[]) => ({
    orders: await api.registry.manager(Order).count(),
    items: await api.registry.manager(OrderItem).count(),
    stock: await Promise.all(
      productIds.map(async (id) => (await api.registry.manager(Product).require(id)).stock),
    ),
  });
  const tooLarge = (total: string) => ({
    statusCode: 422,
    error: 'OrderTotalTooLarge',
    message: `The order total would be ${total}, above the 9999999999.99 an order can hold; order fewer units or split the order`,
    context: { total, maxTotal: '9999999999.99' },
  });

  useFastPasswordHashes();
  beforeAll(async () => {
    api = await startApi(target().url);
    const res = await api
      .http()
      .post('/customers')
      .send({ name: 'Ada', email: 'ada@example.com', password: 'correct horse' });
    customerId = res.body.id;
  });
  afterAll(() => api?.close());

  it('answers 422 to 2 units at the highest price, writing nothing and taking no stock', async () => {
    const top = await product(MAX_PRICE);
    const before = await state(top);
    const res = await order([{ productId: top, quantity: 2 }]);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 422,
      body: tooLarge('19999999999.98'),
    });
    expect(await state(top)).toEqual(before);
  });

  it('names the exact total when it is past 2^53 cents (10,000 units at the highest price)', async () => {
    const top = await product(MAX_PRICE);
    const res = await order([{ productId: top, quantity: 10_000 }]);
    expect(res.status).toBe(422);
    expect(res.body).toEqual(tooLarge('99999999999900.00'));
    expect(await state(top)).toEqual({ orders: 0, items: 0, stock: [10_000] });
  });

  it('answers 422 when lines that fit one by one add up to more than the column holds', async () => {
    const half = await product(5_000_000_000);
    const cent = await product(0.01);
    const res = await order([
      { productId: half, quantity: 2 },
      { productId: cent, quantity: 1 },
    ]);
    expect(res.body).toEqual(tooLarge('10000000000.01'));
    expect(await state(half, cent)).toEqual({ orders: 0, items: 0, stock: [10_000, 10_000] });
  });

  it('accepts a total of exactly 9999999999.99 and reads it back to the cent', async () => {
    const big = await product(9_999_999_999.9);
    const cent = await product(0.01);
    const res = await order([
      { productId: big, quantity: 1 },
      { productId: cent, quantity: 9 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(MAX_PRICE);
    expect(res.body.items.map((i: { lineTotal: number }) => i.lineTotal)).toEqual([
      9_999_999_999.9, 0.09,
    ]);
    const read = await api.http().get(`/orders/${res.body.id}`);
    expect(read.body.total).toBe(MAX_PRICE);
    expect(Number((await api.registry.manager(Order).require(res.body.id)).total)).toBe(MAX_PRICE);
    expect(await state(big, cent)).toEqual({ orders: 1, items: 2, stock: [9_999, 9_991] });
  });

  it('keeps large totals exact to the cent (no float noise from many lines)', async () => {
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await product(99_999_999.99));
    const res = await order(ids.map((productId) => ({ productId, quantity: 10 })));
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(9_999_999_999);
    expect((await api.http().get(`/orders/${res.body.id}`)).body.total).toBe(9_999_999_999);
  });
});
