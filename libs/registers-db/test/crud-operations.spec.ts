import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { describeEachDialect } from '../../../test/support/dialects';
import type { Manager } from '../src/manager/manager';
import { getManagerToken } from '../src/nest/registers-db.tokens';
import { configurePasswordPolicy, type PasswordHashPolicy } from '../src/security/passwords';
import { ApiMember, ApiNote, ApiProduct, ApiTag } from './support/api-models';
import { unscoped } from '../src/manager/scopes/tenant-scope';
import { crudApp } from './support/crud-app';

const TEA = {
  name: 'Tea',
  price: 4.5,
  status: 'live',
  featured: true,
  views: '9007199254740993',
  launchedOn: '2024-02-29',
};

describeEachDialect('RegistersCrudModule operations and errors', (target) => {
  let app: INestApplication;
  let previous: Readonly<PasswordHashPolicy>;
  let products: Manager<ApiProduct>;
  let members: Manager<ApiMember>;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    previous = configurePasswordPolicy({ scheme: 'pbkdf2_sha256', iterations: 1000 });
    app = await crudApp(target().url);
    products = app.get(getManagerToken(ApiProduct));
    members = app.get(getManagerToken(ApiMember));
  });
  afterAll(async () => {
    configurePasswordPolicy(previous);
    await app.close();
  });
  beforeEach(async () => {
    await products.deleteWhere({}, { allowFullTable: true });
    await products.purgeDeleted();
    await members.deleteWhere({}, { allowFullTable: true });
    await app.get(getManagerToken(ApiTag)).deleteWhere({}, { allowFullTable: true });
    await unscoped(() =>
      app.get(getManagerToken(ApiNote)).deleteWhere({}, { allowFullTable: true }),
    );
  });

  it('fills the tenant field itself and serves each tenant only its rows', async () => {
    const note = await http()
      .post('/notes')
      .set('x-org', 'acme')
      .send({ body: 'hello' })
      .expect(201);
    expect(note.body).toMatchObject({ orgId: 'acme', body: 'hello' });
    await http()
      .post('/notes')
      .set('x-org', 'acme')
      .send({ body: 'x', orgId: 'other' })
      .expect(400);
    await http().post('/notes').set('x-org', 'globex').send({ body: 'hi' }).expect(201);
    const acme = await http().get('/notes').set('x-org', 'acme').expect(200);
    expect(acme.body).toMatchObject({ total: 1, items: [{ body: 'hello' }] });
    const globex = await http()
      .get('/notes')
      .set('x-org', 'globex')
      .query({ body: 'hello' })
      .expect(200);
    expect(globex.body).toMatchObject({ total: 0, items: [] });
    await http().get(`/notes/${note.body.id}`).set('x-org', 'globex').expect(404);
    await http()
      .patch(`/notes/${note.body.id}`)
      .set('x-org', 'globex')
      .send({ body: 'mine' })
      .expect(404);
    await http().delete(`/notes/${note.body.id}`).set('x-org', 'globex').expect(404);
    expect(
      (await http().get(`/notes/${note.body.id}`).set('x-org', 'acme').expect(200)).body.body,
    ).toBe('hello');
  });

  it('creates, reads, updates and deletes a record', async () => {
    const created = await http().post('/products').send(TEA).expect(201);
    expect(created.body).toMatchObject({ ...TEA, stock: null, notes: null, deletedAt: null });
    expect(typeof created.body.id).toBe('number');
    expect(new Date(created.body.createdAt).toISOString()).toBe(created.body.createdAt);
    const id = created.body.id;
    expect((await http().get(`/products/${id}`).expect(200)).body).toEqual(created.body);
    const updated = await http()
      .patch(`/products/${id}`)
      .send({ price: 5.1, stock: 3 })
      .expect(200);
    expect(updated.body).toMatchObject({ id, name: 'Tea', price: 5.1, stock: 3 });
    expect((await products.require(id)).price).toBe(5.1);
    await http().delete(`/products/${id}`).set('x-role', 'admin').expect(204);
    await http().get(`/products/${id}`).expect(404);
    expect(await products.count()).toBe(0);
  });

  it('answers 404 for a missing record and 400 for a malformed key', async () => {
    const missing = await http().get('/products/999999').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'RecordNotFoundError' });
    const update = await http().patch('/products/999999').send({ price: 1 }).expect(404);
    expect(update.body.context).toEqual({ model: 'ApiProduct', operation: 'update' });
    await http().delete('/products/999999').set('x-role', 'admin').expect(404);
    const malformed = await http().get('/products/abc').expect(400);
    expect(malformed.body).toMatchObject({ error: 'InvalidQueryError', context: { field: 'id' } });
    await http().get('/members/not-a-uuid').expect(400);
  });

  it('validates bodies with the model rules and the column rules, and writes nothing', async () => {
    const cases: Array<[object, string]> = [
      [{ ...TEA, name: 'x'.repeat(61) }, 'name'],
      [{ ...TEA, price: 1.234 }, 'price'],
      [{ ...TEA, price: -1 }, 'price'],
      [{ ...TEA, stock: 2147483648 }, 'stock'],
      [{ ...TEA, status: 'gone' }, 'status'],
      [{ ...TEA, name: 'a\u0000b' }, 'name'],
      [{ ...TEA, launchedOn: '2023-02-29' }, 'launchedOn'],
      [{ ...TEA, id: 7 }, 'id'],
      [{ ...TEA, createdAt: '2024-01-01T00:00:00Z' }, 'createdAt'],
      [{ ...TEA, unknown: 1 }, 'unknown'],
    ];
    for (const [body, field] of cases) {
      const res = await http().post('/products').send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'ValidationError' });
      expect(res.body.context.issues.map((i: { field: string }) => i.field)).toEqual([field]);
    }
    const { name: _name, ...nameless } = TEA;
    expect(
      (await http().post('/products').send(nameless).expect(400)).body.context.issues[0].field,
    ).toBe('name');
    const created = await http().post('/products').send(TEA).expect(201);
    await http().patch(`/products/${created.body.id}`).send({ price: 'cheap' }).expect(400);
    await http().patch(`/products/${created.body.id}`).send({ id: 9 }).expect(400);
    expect(await products.count()).toBe(1);
    expect((await products.require(created.body.id)).price).toBe(4.5);
  });

  it('runs guards per operation', async () => {
    const created = await http().post('/products').send(TEA).expect(201);
    await http().delete(`/products/${created.body.id}`).expect(403);
    expect(await products.count()).toBe(1);
  });

  it('serves only the enabled operations', async () => {
    await http().post('/tags').send({ code: 'hot', label: 'Hot' }).expect(201);
    await http().patch('/tags/hot').send({ label: 'Warm' }).expect(404);
    await http().delete('/tags/hot').expect(404);
    expect((await http().get('/tags/hot').expect(200)).body).toEqual({ code: 'hot', label: 'Hot' });
    await http().post('/tags').send({ code: 'hot', label: 'Again' }).expect(409);
  });

  it('refuses unknown and disallowed filters, bad values and bad paging with 400', async () => {
    const refused: Array<Record<string, string>> = [
      { notes: 'x' },
      { unknown: '1' },
      { price__contains: '4' },
      { price__eq: '4' },
      { name__like: 'T%' },
      { price__gte: 'cheap' },
      { stock__is_null: 'maybe' },
      { price__between: '1' },
      { stock: '1.5' },
      { stock: '2147483648' },
      { launchedOn: '2024-02-30' },
      { featured: 'yes' },
      { status: 'gone' },
      { limit: '0' },
      { limit: '101' },
      { offset: '-1' },
      { orderBy: 'notes' },
      { orderBy: 'featured' },
    ];
    for (const query of refused) {
      const res = await http().get('/products').query(query);
      expect([res.status, res.body.error, Object.keys(query)]).toEqual([
        400,
        'InvalidQueryError',
        Object.keys(query),
      ]);
    }
    const repeated = await http().get('/products?price__gte=1&price__gte=2').expect(400);
    expect(repeated.body.message).toMatch(/more than once/);
    const password = await http().get('/members').query({ password: 'x' }).expect(400);
    expect(password.body.message).toMatch(
      /'password' is not an allowed filter; allowed: email, email__icontains/,
    );
    await http().get('/members').query({ email__contains: 'a' }).expect(400);
    await http().get('/tags').query({ label: 'Hot' }).expect(400);
  });

  it('never sends a password hash or an encrypted value', async () => {
    const secret = 'correct horse battery';
    const created = await http()
      .post('/members')
      .send({
        email: 'ada@example.com',
        password: secret,
        phone: '+44 20 7946 0000',
        invitation: 'friend',
      })
      .expect(201);
    expect(Object.keys(created.body).sort()).toEqual(['email', 'id']);
    const stored = await members.require(created.body.id);
    expect(await stored.verifyPassword(secret)).toBe(true);
    expect(stored.phone).toBe('+44 20 7946 0000');
    const responses = [
      created,
      await http().get(`/members/${created.body.id}`).expect(200),
      await http().get('/members').query({ email__icontains: 'ADA' }).expect(200),
      await http()
        .patch(`/members/${created.body.id}`)
        .send({ password: 'another secret' })
        .expect(200),
    ];
    for (const res of responses) {
      for (const leak of [secret, 'another secret', stored.password, '7946', 'password', 'phone'])
        expect(res.text).not.toContain(leak);
    }
    expect(responses[2].body).toMatchObject({ total: 1, items: [{ email: 'ada@example.com' }] });
    const short = await http()
      .post('/members')
      .send({ email: 'bob@example.com', password: 'short' })
      .expect(400);
    expect(short.text).not.toContain('short"');
    expect(await (await members.require(created.body.id)).verifyPassword('another secret')).toBe(
      true,
    );
  });
});
