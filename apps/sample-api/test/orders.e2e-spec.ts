/**
 * Orders (SPEC 5.1 / 5.3) in process against each dialect: one transaction per order, the
 * 404/409 contracts with nothing changed, money as two-decimal numbers, and concurrent
 * orders that never sell more than the stock.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import { OrderItem } from '../src/orders/order-item.model';
import { Order } from '../src/orders/order.model';
import { Product } from '../src/products/product.model';
import {
  ApiHarness,
  hasAtMostTwoDecimals,
  startApi,
  useFastPasswordHashes,
} from './support/api-app';

jest.setTimeout(120_000);

const ORDER_KEYS = ['createdAt', 'customerId', 'id', 'items', 'total'];
const ITEM_KEYS = ['lineTotal', 'productId', 'quantity', 'unitPrice'];

describeEachDialect('sample api orders', (target) => {
  let api: ApiHarness;
  let customerId: number;

  const product = async (name: string, price: number, stock: number): Promise<number> => {
    const res = await api.http().post('/products').send({ name, price, stock });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const stockOf = async (id: number) => (await api.registry.manager(Product).require(id)).stock;
  const order = (body: object) => api.http().post('/orders').send(body);
  const counts = async () => ({
    orders: await api.registry.manager(Order).count(),
    items: await api.registry.manager(OrderItem).count(),
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

  it('creates an order with 201, its total and items, and decrements the stock', async () => {
    const teapot = await product('Teapot', 19.99, 5);
    const cup = await product('Cup', 0.1, 10);
    const res = await order({
      customerId,
      items: [
        { productId: teapot, quantity: 2 },
        { productId: cup, quantity: 3 },
      ],
    });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(ORDER_KEYS);
    expect(res.body).toMatchObject({ id: expect.any(Number), customerId, total: 40.28 });
    expect(new Date(res.body.createdAt).toString()).not.toBe('Invalid Date');
    expect(res.body.items).toEqual([
      { productId: teapot, quantity: 2, unitPrice: 19.99, lineTotal: 39.98 },
      { productId: cup, quantity: 3, unitPrice: 0.1, lineTotal: 0.3 },
    ]);
    expect(await stockOf(teapot)).toBe(3);
    expect(await stockOf(cup)).toBe(7);
  });

  it('moves the product updatedAt to the time of the order', async () => {
    const jug = await product('Jug', 5, 5);
    const { createdAt } = await api.registry.manager(Product).require(jug);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const res = await order({ customerId, items: [{ productId: jug, quantity: 1 }] });
    const { updatedAt } = await api.registry.manager(Product).require(jug);
    expect(updatedAt!.getTime()).toBeGreaterThan(createdAt!.getTime());
    expect(updatedAt!.toISOString()).toBe(res.body.createdAt);
  });

  it('keeps totals exact to the cent where floating point would drift', async () => {
    const cheap = await product('Sweet', 0.1, 100);
    const other = await product('Sour', 0.2, 100);
    const res = await order({
      customerId,
      items: [
        { productId: cheap, quantity: 1 },
        { productId: other, quantity: 1 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.total).toBe(0.3);
    const many = await order({ customerId, items: [{ productId: cheap, quantity: 7 }] });
    expect(many.body.total).toBe(0.7);
    expect(many.body.items[0].lineTotal).toBe(0.7);
    expect(many.text).toContain('"total":0.7,');
  });

  it('answers 404 to an unknown customer and changes nothing', async () => {
    const teapot = await product('Kettle', 30, 4);
    const before = await counts();
    const res = await order({ customerId: 987654, items: [{ productId: teapot, quantity: 1 }] });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'RecordNotFoundError' });
    expect(await stockOf(teapot)).toBe(4);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 to an unknown product and rolls back the lines before it', async () => {
    const known = await product('Spoon', 1.25, 8);
    const before = await counts();
    const res = await order({
      customerId,
      items: [
        { productId: known, quantity: 2 },
        { productId: 987654, quantity: 1 },
      ],
    });
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/Product/);
    expect(await stockOf(known)).toBe(8);
    expect(await counts()).toEqual(before);
  });

  it('answers 409 to insufficient stock, leaving every stock and no order behind', async () => {
    const plenty = await product('Plate', 3.5, 50);
    const scarce = await product('Vase', 80, 1);
    const before = await counts();
    const res = await order({
      customerId,
      items: [
        { productId: plenty, quantity: 10 },
        { productId: scarce, quantity: 2 },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      statusCode: 409,
      message: expect.stringContaining(`Product ${scarce}`),
    });
    expect(await stockOf(plenty)).toBe(50);
    expect(await stockOf(scarce)).toBe(1);
    expect(await counts()).toEqual(before);
    const exact = await order({ customerId, items: [{ productId: scarce, quantity: 1 }] });
    expect(exact.status).toBe(201);
    expect(await stockOf(scarce)).toBe(0);
    expect((await order({ customerId, items: [{ productId: scarce, quantity: 1 }] })).status).toBe(
      409,
    );
  });

  it('answers 400 to invalid orders and unknown properties, changing nothing', async () => {
    const pot = await product('Pot', 9.99, 5);
    const before = await counts();
    const invalid = [
      {},
      { customerId, items: [] },
      { customerId, items: [{ productId: pot, quantity: 0 }] },
      { customerId, items: [{ productId: pot, quantity: 1.5 }] },
      { customerId, items: [{ productId: pot, quantity: '1' }] },
      { customerId: 'one', items: [{ productId: pot, quantity: 1 }] },
      {
        customerId,
        items: [
          { productId: pot, quantity: 1 },
          { productId: pot, quantity: 2 },
        ],
      },
      { customerId, items: [{ productId: pot, quantity: 1, discount: 5 }] },
      { customerId, items: [{ productId: pot, quantity: 1 }], coupon: 'FREE' },
      { customerId, items: 'all of them' },
    ];
    for (const body of invalid) {
      const res = await order(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    const nested = await order({ customerId, items: [{ productId: pot, quantity: 0 }] });
    expect(nested.body.issues).toEqual([
      { field: 'items.0.quantity', messages: ['items.0.quantity must not be less than 1'] },
    ]);
    expect(await stockOf(pot)).toBe(5);
    expect(await counts()).toEqual(before);
  });

  it('reads an order by id with its items, and answers 404 / 400 for unknown / bad ids', async () => {
    const bowl = await product('Bowl', 2.49, 9);
    const created = await order({ customerId, items: [{ productId: bowl, quantity: 3 }] });
    const res = await api.http().get(`/orders/${created.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
    expect(res.body.items).toEqual([
      { productId: bowl, quantity: 3, unitPrice: 2.49, lineTotal: 7.47 },
    ]);
    expect(res.body.total).toBe(7.47);
    expect((await api.http().get('/orders/987654')).status).toBe(404);
    expect((await api.http().get('/orders/first')).status).toBe(400);
  });

  it('lists orders newest first with their items, paged as { items, total, limit, offset }', async () => {
    const total = await api.registry.manager(Order).count();
    const page = await api.http().get('/orders');
    expect(page.status).toBe(200);
    expect(Object.keys(page.body).sort()).toEqual(['items', 'limit', 'offset', 'total']);
    expect(page.body).toMatchObject({ total, limit: 20, offset: 0 });
    const ids = page.body.items.map((o: { id: number }) => o.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    for (const o of page.body.items) {
      expect(Object.keys(o).sort()).toEqual(ORDER_KEYS);
      expect(o.items.length).toBeGreaterThan(0);
      for (const item of o.items) expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      expect(hasAtMostTwoDecimals(o.total)).toBe(true);
      const lines = o.items.reduce(
        (sum: number, item: { lineTotal: number }) => sum + Math.round(item.lineTotal * 100),
        0,
      );
      expect(Math.round(o.total * 100)).toBe(lines);
    }
    const second = await api.http().get('/orders?limit=1&offset=1');
    expect(second.body).toMatchObject({ total, limit: 1, offset: 1 });
    expect(second.body.items.map((o: { id: number }) => o.id)).toEqual([ids[1]]);
    expect((await api.http().get('/orders?limit=0')).status).toBe(400);
    expect((await api.http().get('/orders?limit=101')).status).toBe(400);
    expect((await api.http().get('/orders?offset=-1')).status).toBe(400);
  });

  it('never sells more than the stock when many orders race for it', async () => {
    const last = await product('Limited edition', 99.99, 5);
    const before = await counts();
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        order({ customerId, items: [{ productId: last, quantity: 1 }] }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array(5).fill(201), ...Array(7).fill(409)]);
    expect(await stockOf(last)).toBe(0);
    expect(await counts()).toEqual({ orders: before.orders + 5, items: before.items + 5 });
    const sold = await api.registry.manager(OrderItem).filter({ productId: last });
    expect(sold.reduce((sum, item) => sum + item.quantity, 0)).toBe(5);
  });

  it('completes concurrent orders that list the same products in opposite orders', async () => {
    const left = await product('Left', 1, 100);
    const right = await product('Right', 2, 100);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        order({
          customerId,
          items:
            i % 2 === 0
              ? [
                  { productId: left, quantity: 1 },
                  { productId: right, quantity: 1 },
                ]
              : [
                  { productId: right, quantity: 1 },
                  { productId: left, quantity: 1 },
                ],
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(await stockOf(left)).toBe(90);
    expect(await stockOf(right)).toBe(90);
  });

  it('keeps the customer while it has orders (409) and logs no internals for it', async () => {
    const res = await api.http().delete(`/customers/${customerId}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'ForeignKeyViolationError' });
    expect((await api.http().get(`/customers/${customerId}`)).status).toBe(200);
    expect(api.logger.lines.join('\n')).not.toMatch(/correct horse|pbkdf2_sha256\$/);
  });
});
