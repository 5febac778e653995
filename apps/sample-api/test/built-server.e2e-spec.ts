/**
 * The built application as a black box: `node dist/apps/sample-api/main.js` on a free port
 * with a temporary SQLite file (npm test builds it first; by hand: `npx nest build sample-api`).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertApiBuilt, RunningServer, startBuiltServer } from './support/built-server';

jest.setTimeout(90_000);

const PASSWORD = 'black box secret';

describe('sample api built server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sample-api-built-'));
  const dbFile = join(dir, 'shop.db');
  let server: RunningServer;

  beforeAll(async () => {
    assertApiBuilt();
    server = await startBuiltServer({ cwd: dir, databaseUrl: `sqlite:${dbFile}` });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health with 200 and the database up', async () => {
    const res = await fetch(`${server.baseUrl}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'up', cron: 'up' });
  });

  it('creates a customer and reads it back without its password, stored in the SQLite file', async () => {
    const created = await fetch(`${server.baseUrl}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Black Box', email: 'box@example.com', password: PASSWORD }),
    });
    expect(created.status).toBe(201);
    const customer = (await created.json()) as { id: number };
    expect(customer).toMatchObject({
      id: expect.any(Number),
      name: 'Black Box',
      email: 'box@example.com',
    });
    expect(customer).not.toHaveProperty('password');
    const read = await fetch(`${server.baseUrl}/customers/${customer.id}`);
    expect(read.status).toBe(200);
    const text = await read.text();
    expect(JSON.parse(text)).toEqual(customer);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('pbkdf2_sha256');
    expect(existsSync(dbFile)).toBe(true);
  });

  it('logs that it listens and never logs the password or its hash', async () => {
    expect(server.output()).toMatch(/Listening on http:\/\/localhost:\d+/);
    expect(server.output()).not.toContain(PASSWORD);
    expect(server.output()).not.toMatch(/pbkdf2_sha256\$/);
  });

  it('answers refused bodies with a JSON 4xx and logs each as a WARN line without a stack', async () => {
    const post = (headers: Record<string, string>, body: string | Buffer) =>
      fetch(`${server.baseUrl}/products`, { method: 'POST', headers, body });
    const json = { 'content-type': 'application/json' };
    const answers = [
      await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'name=a&price=1&stock=1'),
      await post(json, '{"a":'.repeat(2_000) + '1' + '}'.repeat(2_000)),
      await post(json, JSON.stringify({ name: 'x'.repeat(200_000), price: 1, stock: 1 })),
      await post({ ...json, 'content-encoding': 'gzip' }, Buffer.from('not gzip')),
      await post(json, '{"price":1e-7,"name":"a","stock":1}'),
    ];
    expect(answers.map((res) => res.status)).toEqual([415, 400, 413, 400, 400]);
    for (const res of answers)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const logged = server.output();
    for (const status of [415, 400, 413]) {
      expect(logged).toMatch(new RegExp(`WARN \\[HttpBoundary\\] ${status} POST /products: `));
    }
    expect(logged).not.toMatch(/^\s+at /m);
  });

  it('shuts down on SIGTERM without an error', async () => {
    const ended = await server.stop();
    expect([ended.code === 0, ended.signal === 'SIGTERM']).toContain(true);
    expect(server.output()).not.toMatch(/\bERROR\b|Unhandled|Error:/);
  });
});

describe('sample api built server without REGISTERS_DATABASE_URL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sample-api-default-'));
  let server: RunningServer;

  beforeAll(async () => {
    assertApiBuilt();
    server = await startBuiltServer({ cwd: dir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps its data in a SQLite file under ./data/ of the working directory', async () => {
    const res = await fetch(`${server.baseUrl}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Default teapot', price: 12.5, stock: 1 }),
    });
    expect(res.status).toBe(201);
    expect(existsSync(join(dir, 'data', 'shop.db'))).toBe(true);
  });
});
