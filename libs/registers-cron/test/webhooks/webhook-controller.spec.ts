import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DatabaseConnection } from '@registers/db';
import { describeEachDialect } from '../../../../test/support/dialects';
import {
  SECRETS,
  TOKEN,
  HMAC_TOKEN,
  signedHeaders,
  webhookApp,
  type WebhookApp,
} from './webhook-support';

/** Every response body seen by a suite: none may contain a token or secret. */
function trackResponses() {
  const seen: string[] = [];
  return {
    seen,
    track<T extends { text?: string; body?: unknown }>(res: T): T {
      seen.push(res.text ?? JSON.stringify(res.body ?? ''));
      return res;
    },
  };
}

function expectNoSecrets(seen: string[]): void {
  expect(seen.length).toBeGreaterThan(0);
  for (const text of seen) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describeEachDialect('webhooks (rawBody app)', (target) => {
  let ctx: WebhookApp;
  const responses = trackResponses();
  const post = (path: string) => request(ctx.app.getHttpServer()).post(path);
  const track = responses.track;

  beforeAll(async () => {
    ctx = await webhookApp({ url: target().url, rawBody: true });
  });

  afterAll(async () => {
    await ctx?.close();
  });

  afterAll(() => expectNoSecrets(responses.seen));

  it('answers 404 JSON for an unknown path, and enqueues nothing', async () => {
    const res = track(
      await post('/hooks/nope').set('Authorization', `Bearer ${TOKEN}`).send({ a: 1 }),
    );
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({
      statusCode: 404,
      message: expect.stringContaining('/hooks/nope'),
    });
    expect(await ctx.events()).toEqual([]);
  });

  it('refuses a missing or wrong token with 401 and enqueues nothing', async () => {
    const missing = track(await post('/hooks/deploy').send({ env: 'prod' }));
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ statusCode: 401 });

    const wrong = track(
      await post('/hooks/deploy').set('Authorization', 'Bearer nope').send({ env: 'prod' }),
    );
    expect(wrong.status).toBe(401);

    const longer = track(
      await post('/hooks/deploy').set('Authorization', `Bearer ${TOKEN}x`).send({ env: 'prod' }),
    );
    expect(longer.status).toBe(401);

    const prefix = track(
      await post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN.slice(0, 5)}`)
        .send({ env: 'prod' }),
    );
    expect(prefix.status).toBe(401);

    const wrongHeader = track(await post('/hooks/deploy').set('X-Webhook-Token', 'nope').send({}));
    expect(wrongHeader.status).toBe(401);

    const basic = track(
      await post('/hooks/deploy')
        .set('Authorization', `Basic ${Buffer.from(`u:${TOKEN}`).toString('base64')}`)
        .send({}),
    );
    expect(basic.status).toBe(401);

    expect(await ctx.events()).toEqual([]);
  });

  it('refuses every call to a job without a token (undefined or empty)', async () => {
    for (const path of ['/hooks/open', '/hooks/empty-token']) {
      const none = track(await post(path).send({}));
      expect(none.status).toBe(401);
      const empty = track(await post(path).set('Authorization', 'Bearer ').send({}));
      expect(empty.status).toBe(401);
      const anything = track(await post(path).set('X-Webhook-Token', '').send({}));
      expect(anything.status).toBe(401);
    }
    expect(await ctx.events()).toEqual([]);
  });

  it('enqueues the JSON body as the payload and answers 202 { eventId }', async () => {
    const body = { env: 'prod', nested: { list: [1, 'two', null, true] }, unicode: 'héllo ✓' };
    const res = track(
      await post('/hooks/deploy').set('Authorization', `Bearer ${TOKEN}`).send(body),
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ eventId: expect.any(Number) });
    const event = await ctx.cron.event(res.body.eventId);
    expect(event).toMatchObject({
      job: 'deploy',
      source: 'webhook',
      status: 'pending',
      payload: body,
    });
  });

  it('accepts the token in X-Webhook-Token and the bearer scheme in any case', async () => {
    const header = track(
      await post('/hooks/deploy').set('X-Webhook-Token', TOKEN).send({ via: 'header' }),
    );
    expect(header.status).toBe(202);
    expect((await ctx.cron.event(header.body.eventId)).payload).toEqual({ via: 'header' });

    const lower = track(
      await post('/hooks/deploy').set('Authorization', `bearer ${TOKEN}`).send({ via: 'lower' }),
    );
    expect(lower.status).toBe(202);
  });

  it('takes an empty body as {} and a JSON array as is', async () => {
    const empty = track(await post('/hooks/deploy').set('Authorization', `Bearer ${TOKEN}`));
    expect(empty.status).toBe(202);
    expect((await ctx.cron.event(empty.body.eventId)).payload).toEqual({});

    const array = track(
      await post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send([1, { a: 2 }]),
    );
    expect(array.status).toBe(202);
    expect((await ctx.cron.event(array.body.eventId)).payload).toEqual([1, { a: 2 }]);
  });

  it('parses a JSON body sent as text/plain (any JSON value) and refuses a non-JSON one with 400', async () => {
    const before = (await ctx.events('deploy')).length;
    const text = track(
      await post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', 'text/plain')
        .send('"just a string"'),
    );
    expect(text.status).toBe(202);
    expect((await ctx.cron.event(text.body.eventId)).payload).toBe('just a string');

    const notJson = track(
      await post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', 'text/plain')
        .send('env=prod'),
    );
    expect(notJson.status).toBe(400);
    expect(notJson.body.message).toMatch(/not valid JSON/);

    const brokenJson = track(
      await post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Content-Type', 'application/json')
        .send('{"env": '),
    );
    expect(brokenJson.status).toBe(400);
    expect(brokenJson.body).toMatchObject({ statusCode: 400 });
    expect((await ctx.events('deploy')).length).toBe(before + 1);
  });

  it('dedupes by Idempotency-Key: the same event id again, one event', async () => {
    const send = () =>
      post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Idempotency-Key', 'delivery-42')
        .send({ env: 'staging' });
    const first = track(await send());
    const second = track(await send());
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body).toEqual({ eventId: first.body.eventId });
    const events = (await ctx.events('deploy')).filter((e) => e.id === first.body.eventId);
    expect(events).toHaveLength(1);
    expect(
      (await ctx.events('deploy')).filter((e) => (e.payload as { env?: string }).env === 'staging'),
    ).toHaveLength(1);

    const tooLong = track(
      await post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN}`)
        .set('Idempotency-Key', 'k'.repeat(256))
        .send({}),
    );
    expect(tooLong.status).toBe(400);
  });

  it('serves nested job paths', async () => {
    const res = track(
      await post('/hooks/deploy/prod').set('Authorization', `Bearer ${TOKEN}`).send({ n: 1 }),
    );
    expect(res.status).toBe(202);
    expect(await ctx.cron.event(res.body.eventId)).toMatchObject({
      job: 'deploy-prod',
      payload: { n: 1 },
    });
  });

  it('answers 409 for a paused or disabled job and enqueues nothing', async () => {
    const before = (await ctx.events()).length;
    await ctx.cron.pause('deploy');
    try {
      const paused = track(
        await post('/hooks/deploy').set('Authorization', `Bearer ${TOKEN}`).send({}),
      );
      expect(paused.status).toBe(409);
      expect(paused.body.message).toMatch(/paused/);
    } finally {
      await ctx.cron.resume('deploy');
    }
    const off = track(await post('/hooks/off').set('Authorization', `Bearer ${TOKEN}`).send({}));
    expect(off.status).toBe(409);
    expect(off.body.message).toMatch(/disabled/);
    expect((await ctx.events()).length).toBe(before);
  });

  describe('HMAC signature', () => {
    it('accepts a correctly signed, fresh call', async () => {
      const body = JSON.stringify({ release: 'v1.2.3' });
      const res = track(await post('/hooks/signed').set(signedHeaders(body)).send(body));
      expect(res.status).toBe(202);
      expect(await ctx.cron.event(res.body.eventId)).toMatchObject({
        job: 'signed',
        payload: { release: 'v1.2.3' },
      });
    });

    it('refuses a missing, malformed or wrong signature, a tampered body and a stale timestamp', async () => {
      const before = (await ctx.events('signed')).length;
      const body = JSON.stringify({ release: 'v9' });

      const unsigned = track(
        await post('/hooks/signed')
          .set('Authorization', `Bearer ${HMAC_TOKEN}`)
          .set('Content-Type', 'application/json')
          .send(body),
      );
      expect(unsigned.status).toBe(401);

      const wrongSecret = track(
        await post('/hooks/signed')
          .set(signedHeaders(body, { secret: 'other' }))
          .send(body),
      );
      expect(wrongSecret.status).toBe(401);
      expect(wrongSecret.body.message).toMatch(/signature/);

      const malformed = track(
        await post('/hooks/signed')
          .set({ ...signedHeaders(body), 'X-Signature': 'sha256=zz' })
          .send(body),
      );
      expect(malformed.status).toBe(401);

      const tampered = track(
        await post('/hooks/signed')
          .set(signedHeaders(body))
          .send(JSON.stringify({ release: 'v10' })),
      );
      expect(tampered.status).toBe(401);

      const stale = Math.floor(Date.now() / 1000) - 301;
      const old = track(
        await post('/hooks/signed')
          .set(signedHeaders(body, { timestamp: stale }))
          .send(body),
      );
      expect(old.status).toBe(401);
      expect(old.body.message).toMatch(/replay window/);

      const future = Math.floor(Date.now() / 1000) + 400;
      const ahead = track(
        await post('/hooks/signed')
          .set(signedHeaders(body, { timestamp: future }))
          .send(body),
      );
      expect(ahead.status).toBe(401);

      const noToken = signedHeaders(body);
      delete noToken.Authorization;
      const tokenless = track(await post('/hooks/signed').set(noToken).send(body));
      expect(tokenless.status).toBe(401);

      expect((await ctx.events('signed')).length).toBe(before);
    });
  });
});

describeEachDialect('webhooks: body limit, misconfiguration, prefix', (target) => {
  /** A database of its own per app on SQLite; the suite's database (apps run one at a time) elsewhere. */
  const urlFor = (file: string) =>
    target().dialect === 'sqlite' ? `sqlite:${join(dir, file)}` : target().url;
  /** Server dialects share the suite's database between apps: each app starts on an empty queue. */
  const clearEvents = async () => {
    if (target().dialect === 'sqlite') return;
    const db = new DatabaseConnection({ url: target().url });
    await db.execute('DELETE FROM registers_cron_events').catch(() => undefined); // no table yet
    await db.close();
  };
  beforeEach(clearEvents);
  let dir: string;
  const responses = trackResponses();
  const track = responses.track;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'registers-webhooks-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    expectNoSecrets(responses.seen);
  });

  it('answers 413 for a body over webhookBodyLimitBytes and enqueues nothing', async () => {
    for (const rawBody of [true, false]) {
      await clearEvents();
      const ctx = await webhookApp({
        url: urlFor(`limit-${rawBody}.db`),
        rawBody,
        webhookBodyLimitBytes: 64,
      });
      try {
        const post = () =>
          request(ctx.app.getHttpServer())
            .post('/hooks/deploy')
            .set('Authorization', `Bearer ${TOKEN}`);
        const big = { data: 'x'.repeat(200) };
        const json = track(await post().send(big));
        expect(json.status).toBe(413);
        expect(json.body).toMatchObject({ statusCode: 413 });

        const text = track(
          await post().set('Content-Type', 'text/plain').send(JSON.stringify(big)),
        );
        expect(text.status).toBe(413);

        // chunked (no Content-Length): the limit applies while reading
        const chunked = await new Promise<{ status: number }>((resolve, reject) => {
          const req = request(ctx.app.getHttpServer())
            .post('/hooks/deploy')
            .set('Authorization', `Bearer ${TOKEN}`)
            .set('Content-Type', 'text/plain')
            .set('Transfer-Encoding', 'chunked');
          req.write(JSON.stringify(big).slice(0, 100));
          req.write(JSON.stringify(big).slice(100));
          req.end((error, res) => (error ? reject(error) : resolve(res)));
        });
        expect(chunked.status).toBe(413);

        const small = track(await post().send({ env: 'ok' }));
        expect(small.status).toBe(202);
        expect((await ctx.events()).map((e) => e.payload)).toEqual([{ env: 'ok' }]);
      } finally {
        await ctx.close();
      }
    }
  });

  it('without rawBody: plain token webhooks work, HMAC ones answer 503, form bodies 400', async () => {
    const ctx = await webhookApp({ url: urlFor('no-raw.db'), rawBody: false });
    try {
      const server = ctx.app.getHttpServer();
      const ok = track(
        await request(server)
          .post('/hooks/deploy')
          .set('Authorization', `Bearer ${TOKEN}`)
          .send({ env: 'prod' }),
      );
      expect(ok.status).toBe(202);
      expect((await ctx.cron.event(ok.body.eventId)).payload).toEqual({ env: 'prod' });

      const empty = track(
        await request(server).post('/hooks/deploy').set('Authorization', `Bearer ${TOKEN}`),
      );
      expect(empty.status).toBe(202);
      expect((await ctx.cron.event(empty.body.eventId)).payload).toEqual({});

      const form = track(
        await request(server)
          .post('/hooks/deploy')
          .set('Authorization', `Bearer ${TOKEN}`)
          .type('form')
          .send('env=prod'),
      );
      expect(form.status).toBe(400);
      expect(form.body.message).toMatch(/must be JSON/);

      const body = JSON.stringify({ release: 'v1' });
      const signed = track(
        await request(server).post('/hooks/signed').set(signedHeaders(body)).send(body),
      );
      expect(signed.status).toBe(503);
      expect(signed.body.message).toBe('webhook misconfigured: raw body unavailable');

      // a text/plain body is not consumed by Nest's parsers: its bytes are available to sign
      const text = track(
        await request(server)
          .post('/hooks/signed')
          .set({ ...signedHeaders(body), 'Content-Type': 'text/plain' })
          .send(body),
      );
      expect(text.status).toBe(202);

      expect((await ctx.events()).map((e) => e.job)).toEqual(['deploy', 'deploy', 'signed']);
    } finally {
      await ctx.close();
    }
  });

  it('mounts under a custom webhookPrefix', async () => {
    const ctx = await webhookApp({
      url: urlFor('prefix.db'),
      rawBody: true,
      webhookPrefix: '/api/triggers',
    });
    try {
      const server = ctx.app.getHttpServer();
      const ok = track(
        await request(server)
          .post('/api/triggers/deploy')
          .set('Authorization', `Bearer ${TOKEN}`)
          .send({}),
      );
      expect(ok.status).toBe(202);
      const old = track(
        await request(server)
          .post('/hooks/deploy')
          .set('Authorization', `Bearer ${TOKEN}`)
          .send({}),
      );
      expect(old.status).toBe(404);
      const get = track(
        await request(server).get('/api/triggers/deploy').set('Authorization', `Bearer ${TOKEN}`),
      );
      expect(get.status).toBe(404);
      expect(await ctx.events()).toHaveLength(1);
    } finally {
      await ctx.close();
    }
  });
});
