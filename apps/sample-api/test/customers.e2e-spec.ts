/**
 * Customers (SPEC 5.1 / 5.3) in process against each dialect: create, read, update, delete,
 * the error contracts, and that no password or hash ever leaves the service.
 */
import { isPasswordHash, verifyPassword } from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';
import { Customer } from '../src/customers/customer.model';
import { ApiHarness, startApi, useFastPasswordHashes } from './support/api-app';

jest.setTimeout(60_000);

const PASSWORD = 'correct horse battery';
const CUSTOMER_KEYS = ['createdAt', 'email', 'id', 'name', 'updatedAt'];

describeEachDialect('sample api customers', (target) => {
  let api: ApiHarness;
  const bodies: string[] = [];
  const post = (body: object) =>
    api
      .http()
      .post('/customers')
      .send(body)
      .then((res) => (bodies.push(res.text), res));

  useFastPasswordHashes();
  beforeAll(async () => {
    api = await startApi(target().url);
  });
  afterAll(() => api?.close());

  it('creates a customer with 201 and answers without the password or its hash', async () => {
    const res = await post({ name: 'Ada Lovelace', email: 'ada@example.com', password: PASSWORD });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(CUSTOMER_KEYS);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    expect(res.text).not.toContain(PASSWORD);
    expect(res.text).not.toContain('pbkdf2_sha256');
  });

  it('stores the password as a hash that verifies against the one given', async () => {
    const stored = await api.registry.manager(Customer).require({ email: 'ada@example.com' });
    expect(stored.password).not.toBe(PASSWORD);
    expect(isPasswordHash(stored.password)).toBe(true);
    expect(await verifyPassword(PASSWORD, stored.password)).toBe(true);
  });

  it('reads a customer by id without the password', async () => {
    const created = await post({ name: 'Grace', email: 'grace@example.com', password: PASSWORD });
    const res = await api.http().get(`/customers/${created.body.id}`);
    bodies.push(res.text);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(created.body);
  });

  it('answers 409 to a second customer with the same email, also in other letter case', async () => {
    const before = await api.registry.manager(Customer).count();
    const same = await post({ name: 'Ada again', email: 'ada@example.com', password: PASSWORD });
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({ statusCode: 409, error: 'UniqueConstraintError' });
    const upper = await post({
      name: 'Ada shouting',
      email: ' ADA@Example.COM ',
      password: PASSWORD,
    });
    expect(upper.status).toBe(409);
    expect(await api.registry.manager(Customer).count()).toBe(before);
  });

  it('answers 400 with the messages of each invalid field and stores nothing', async () => {
    const before = await api.registry.manager(Customer).count();
    const res = await post({ name: '', email: 'not-an-email', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.statusCode).toBe(400);
    const fields = res.body.issues.map((i: { field: string }) => i.field).sort();
    expect(fields).toEqual(['email', 'name', 'password']);
    const byField = Object.fromEntries(
      res.body.issues.map((i: { field: string; messages: string[] }) => [i.field, i.messages]),
    );
    expect(byField.email).toEqual(['email must be an email']);
    expect(byField.password.join(' ')).toMatch(
      /password must be longer than or equal to 8 characters/,
    );
    expect(res.body.message).toEqual(expect.arrayContaining(['email must be an email']));
    expect(res.text).not.toContain('short');
    expect(await api.registry.manager(Customer).count()).toBe(before);
  });

  it('answers 400 when required fields are missing or of the wrong type', async () => {
    const res = await post({ name: 42, email: ['a@b.c'] });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { field: string }) => i.field).sort()).toEqual([
      'email',
      'name',
      'password',
    ]);
  });

  it('answers 400 to unknown properties in the body', async () => {
    const res = await post({
      name: 'Eve',
      email: 'eve@example.com',
      password: PASSWORD,
      isAdmin: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { field: 'isAdmin', messages: ['property isAdmin should not exist'] },
    ]);
    expect(await api.registry.manager(Customer).get({ email: 'eve@example.com' })).toBeNull();
  });

  it('refuses a password that is already shaped like a stored hash', async () => {
    const hash = (await api.registry.manager(Customer).require({ email: 'ada@example.com' }))
      .password;
    const res = await post({ name: 'Mallory', email: 'mallory@example.com', password: hash });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([
      { field: 'password', messages: ['password must be a plain password, not a password hash'] },
    ]);
    expect(res.text).not.toContain(hash);
    const argon = '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$' + 'A'.repeat(43);
    const argonRes = await post({ name: 'Mallory', email: 'mallory@example.com', password: argon });
    expect(argonRes.status).toBe(400);
    expect(await api.registry.manager(Customer).get({ email: 'mallory@example.com' })).toBeNull();
  });

  it('answers 400 to a non-numeric, zero, negative or fractional id', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '1e3', '99999999999']) {
      const res = await api.http().get(`/customers/${id}`);
      expect({ id, status: res.status }).toEqual({ id, status: 400 });
    }
    expect((await api.http().patch('/customers/abc').send({ name: 'X' })).status).toBe(400);
    expect((await api.http().delete('/customers/abc')).status).toBe(400);
  });

  it('answers 404 to an unknown id on read, update and delete', async () => {
    expect((await api.http().get('/customers/987654')).status).toBe(404);
    const patch = await api.http().patch('/customers/987654').send({ name: 'Nobody' });
    expect(patch.status).toBe(404);
    expect(patch.body).toMatchObject({ statusCode: 404, error: 'RecordNotFoundError' });
    expect((await api.http().delete('/customers/987654')).status).toBe(404);
  });

  it('updates name and email with PATCH and answers the updated customer', async () => {
    const created = await post({ name: 'Linus', email: 'linus@example.com', password: PASSWORD });
    const res = await api
      .http()
      .patch(`/customers/${created.body.id}`)
      .send({ name: 'Linus T.', email: 'LT@example.com' });
    bodies.push(res.text);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(CUSTOMER_KEYS);
    expect(res.body).toMatchObject({
      id: created.body.id,
      name: 'Linus T.',
      email: 'lt@example.com',
    });
    expect(new Date(res.body.updatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(created.body.updatedAt).getTime(),
    );
    const again = await api.http().get(`/customers/${created.body.id}`);
    expect(again.body).toMatchObject({ name: 'Linus T.', email: 'lt@example.com' });
  });

  it('changes the password with PATCH, storing a new hash and answering without it', async () => {
    const created = await post({ name: 'Ken', email: 'ken@example.com', password: PASSWORD });
    const res = await api
      .http()
      .patch(`/customers/${created.body.id}`)
      .send({ password: 'another secret' });
    bodies.push(res.text);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('another secret');
    const stored = await api.registry.manager(Customer).require(created.body.id);
    expect(isPasswordHash(stored.password)).toBe(true);
    expect(await verifyPassword('another secret', stored.password)).toBe(true);
    expect(await verifyPassword(PASSWORD, stored.password)).toBe(false);
  });

  it('answers 400 to PATCH with an invalid email and leaves the customer as it was', async () => {
    const created = await post({
      name: 'Barbara',
      email: 'barbara@example.com',
      password: PASSWORD,
    });
    const res = await api.http().patch(`/customers/${created.body.id}`).send({ email: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ field: 'email', messages: ['email must be an email'] }]);
    expect((await api.http().get(`/customers/${created.body.id}`)).body.email).toBe(
      'barbara@example.com',
    );
  });

  it('answers 409 to PATCH with an email another customer has, and changes nothing', async () => {
    const created = await post({
      name: 'Margaret',
      email: 'margaret@example.com',
      password: PASSWORD,
    });
    const res = await api
      .http()
      .patch(`/customers/${created.body.id}`)
      .send({ name: 'Maggie', email: 'grace@example.com' });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'UniqueConstraintError' });
    expect((await api.http().get(`/customers/${created.body.id}`)).body).toMatchObject({
      name: 'Margaret',
      email: 'margaret@example.com',
    });
  });

  it('answers 400 to PATCH with unknown properties or a hash-shaped password', async () => {
    const created = await post({ name: 'Alan', email: 'alan@example.com', password: PASSWORD });
    expect(
      (await api.http().patch(`/customers/${created.body.id}`).send({ role: 'admin' })).status,
    ).toBe(400);
    const hash = (await api.registry.manager(Customer).require(created.body.id)).password;
    expect(
      (await api.http().patch(`/customers/${created.body.id}`).send({ password: hash })).status,
    ).toBe(400);
    expect((await api.registry.manager(Customer).require(created.body.id)).password).toBe(hash);
  });

  it('deletes a customer with 204 and an empty body, after which it is 404', async () => {
    const created = await post({ name: 'Dennis', email: 'dennis@example.com', password: PASSWORD });
    const res = await api.http().delete(`/customers/${created.body.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.http().get(`/customers/${created.body.id}`)).status).toBe(404);
    expect((await api.http().delete(`/customers/${created.body.id}`)).status).toBe(404);
  });

  it('never put a password or a stored hash in any response or log line', async () => {
    const hashes = (await api.registry.manager(Customer).all()).map((c) => c.password);
    expect(hashes.length).toBeGreaterThan(0);
    const everything = [...bodies, ...api.logger.lines].join('\n');
    for (const secret of [PASSWORD, 'another secret', ...hashes])
      expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/pbkdf2_sha256\$|\$argon2id\$/);
  });
});
