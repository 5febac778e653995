import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { describeEachDialect } from '../../../test/support/dialects';
import type { Manager } from '../src/manager/manager';
import { getManagerToken } from '../src/nest/registers-db.tokens';
import { ApiProduct } from './support/api-models';
import { crudOptionsApp } from './support/crud-app-options-app';

const ROWS = [
  { name: 'Green Tea', price: 4.5, status: 'live', featured: true },
  { name: 'Coffee', price: 12, status: 'draft', featured: false },
  { name: 'Mint tea', price: 2.99, status: 'live', featured: true },
  { name: 'Chai', price: 5, status: 'live', featured: false },
];

describeEachDialect('RegistersCrudModule adopted with the application’s contract', (target) => {
  let app: INestApplication;
  let products: Manager<ApiProduct>;
  let ids: number[];
  const http = () => request(app.getHttpServer());
  const names = (body: any) => body.items.map((p: any) => p.name);

  beforeAll(async () => {
    app = await crudOptionsApp(target().url);
    products = app.get(getManagerToken(ApiProduct));
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await products.deleteWhere({}, { allowFullTable: true });
    await products.purgeDeleted();
    ids = [];
    for (const row of ROWS) ids.push((await products.create(row as ApiProduct)).id!);
  });

  it('lists newest first (defaultOrder) unless orderBy says otherwise', async () => {
    const list = await http().get('/catalog').expect(200);
    expect(list.body.items.map((p: any) => p.id)).toEqual([...ids].reverse());
    const byPrice = await http().get('/catalog?orderBy=price').expect(200);
    expect(names(byPrice.body)).toEqual(['Mint tea', 'Green Tea', 'Chai', 'Coffee']);
  });

  it('filters through the aliases, inclusive, together with the plain filters', async () => {
    const range = await http().get('/catalog?minPrice=4.5&maxPrice=5').expect(200);
    expect(names(range.body)).toEqual(['Chai', 'Green Tea']);
    expect(range.body.total).toBe(2);
    const text = await http().get('/catalog?q=TEA&status=live').expect(200);
    expect(names(text.body)).toEqual(['Mint tea', 'Green Tea']);
    const empty = await http().get('/catalog?q=').expect(200);
    expect(empty.body.total).toBe(ROWS.length);
  });

  it('refuses the name an alias stands for and a value of the wrong type', async () => {
    const hidden = await http().get('/catalog?price__gte=1').expect(400);
    expect(hidden.body.message).toMatch(
      /'price__gte' is not an allowed filter; allowed: status, minPrice, maxPrice, q/,
    );
    const wrong = await http().get('/catalog?minPrice=abc').expect(400);
    expect(wrong.body.message).toMatch(/'minPrice' must be a number/);
    expect(wrong.body.context).toMatchObject({ field: 'minPrice', operation: 'list' });
  });

  it('answers 400 for an id an autoincrement key cannot hold, 404 for a missing one', async () => {
    for (const id of ['0', '2147483648', '00']) {
      const bad = await http().get(`/catalog/${id}`).expect(400);
      expect(bad.body.message).toBe('ApiProduct: id must be a whole number from 1 to 2147483647');
      expect(bad.body.context).toMatchObject({ field: 'id', operation: 'get' });
    }
    await http().patch('/catalog/0').send({ price: 1 }).expect(400);
    await http().delete('/catalog/0').expect(400);
    await http().get('/catalog/2147483647').expect(404);
    await http().get(`/catalog/${ids[0]}`).expect(200);
  });

  it("runs the application's id pipes first, then the key check on what they return", async () => {
    for (const id of ['-1', 'abc', '1e3']) {
      const bad = await http().get(`/catalog/${id}`).expect(400);
      expect(bad.body).toEqual({ statusCode: 400, message: ['id must be digits'], fields: ['id'] });
    }
    const patched = await http().patch(`/catalog/${ids[1]}`).send({ stock: 7 }).expect(200);
    expect(patched.body).toMatchObject({ id: ids[1], stock: 7 });
    await http().delete(`/catalog/${ids[1]}`).expect(204);
    await http().get(`/catalog/${ids[1]}`).expect(404);
  });

  it("leaves bodies to the application's pipe: its rules, whitelist and error body", async () => {
    const bad = await http()
      .post('/catalog')
      .send({ name: '', price: 1, status: 'live', featured: true })
      .expect(400);
    expect(bad.body).toEqual({
      statusCode: 400,
      message: ['name should not be empty'],
      fields: ['name'],
    });
    const extra = await http()
      .post('/catalog')
      .send({ name: 'Cocoa', price: 1, status: 'live', featured: true, colour: 'brown' })
      .expect(400);
    expect(extra.body.fields).toEqual(['colour']);
    const update = await http().patch(`/catalog/${ids[0]}`).send({ stock: 5000 }).expect(400);
    expect(update.body).toEqual({
      statusCode: 400,
      message: ['stock must not be greater than 1000'],
      fields: ['stock'],
    });
    expect(await products.count({})).toBe(ROWS.length);
    expect((await products.get(ids[0]))!.stock).toBeNull();
    const created = await http()
      .post('/catalog')
      .send({ name: 'Cocoa', price: '7.10', status: 'live', featured: true })
      .expect(400);
    expect(created.body.fields).toEqual(['price']);
    const ok = await http()
      .post('/catalog')
      .send({ name: 'Cocoa', price: 7.1, status: 'live', featured: true })
      .expect(201);
    expect(ok.body).toMatchObject({ name: 'Cocoa', price: 7.1 });
    const patched = await http().patch(`/catalog/${ok.body.id}`).send({ stock: 3 }).expect(200);
    expect(patched.body.stock).toBe(3);
  });

  it("reads a list through the application's query class: its bounds, defaults and messages", async () => {
    const page = await http().get('/shop?minPrice=4.5&q=TEA').expect(200);
    expect(page.body).toMatchObject({ total: 1, limit: 20, offset: 0 });
    expect(names(page.body)).toEqual(['Green Tea']);
    const newest = await http().get('/shop?limit=2&offset=1').expect(200);
    expect(newest.body.items.map((p: any) => p.id)).toEqual([ids[2], ids[1]]);
    expect(newest.body).toMatchObject({ total: ROWS.length, limit: 2, offset: 1 });
    // The module alone takes any price in a filter; the class bounds it.
    const negative = await http().get('/shop?minPrice=-1').expect(400);
    expect(negative.body).toEqual({
      statusCode: 400,
      message: ['minPrice must not be less than 0'],
      fields: ['minPrice'],
    });
    const fraction = await http().get('/shop?limit=2.5').expect(400);
    expect(fraction.body.message).toEqual(['limit must be an integer number']);
    // What the class does not declare is refused by the application's pipe.
    const order = await http().get('/shop?orderBy=price').expect(400);
    expect(order.body.fields).toEqual(['orderBy']);
  });
});
