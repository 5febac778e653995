import request from 'supertest';
import { describeEachDialect } from '../../../../test/support/dialects';
import { CronConfigurationError } from '../../src/common/errors';
import { RegistersCronModule } from '../../src/cron.module';
import {
  csrfCookieOf,
  dashboardApp,
  deadLetter,
  flakyState,
  formToken,
  OperatorGuard,
  OPERATOR_TOKEN,
  XSS,
  type DashboardApp,
} from './dashboard-support';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'";

describeEachDialect('dashboard pages and actions', (target) => {
  let ctx: DashboardApp;
  const http = () => request(ctx.app.getHttpServer());
  const get = (path: string) => http().get(path).set('x-operator', OPERATOR_TOKEN);

  /** A page's form token and the cookie that goes with it. */
  async function session(): Promise<{ token: string; cookie: string }> {
    const res = await get('/ops/cron');
    return { token: formToken(res.text), cookie: csrfCookieOf(res.headers['set-cookie']) };
  }

  const post = (path: string, cookie: string, form: Record<string, string>) =>
    http()
      .post(path)
      .set('x-operator', OPERATOR_TOKEN)
      .set('Cookie', cookie)
      .type('form')
      .send(form);

  beforeAll(async () => {
    ctx = await dashboardApp(target().url, {
      path: '/ops/cron',
      guard: OperatorGuard,
      pageSize: 2,
    });
  });
  afterAll(async () => ctx?.close());

  it('lists every job with its trigger in words, zone, next fires and state, under a strict CSP', async () => {
    await ctx.cron.trigger('import-users', {});
    await ctx.kit.runDue();
    const res = await get('/ops/cron');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toContain(CSP);
    const row = (job: string) =>
      new RegExp(`<tr data-job="${job}">[\\s\\S]*?</tr>`).exec(res.text)?.[0] ?? '';
    expect(row('nightly')).toContain('cron 0 3 * * * (Europe/Paris)');
    expect(row('nightly')).toContain('Europe/Paris');
    // 03:00 in Paris on the next three days, shown as local wall time
    expect(row('nightly').match(/2026-03-0[123] 03:00:00/g)).toEqual([
      '2026-03-01 03:00:00',
      '2026-03-02 03:00:00',
      '2026-03-03 03:00:00',
    ]);
    expect(row('minutely')).toContain('UTC');
    expect(row('import-users')).toContain('succeeded');
    expect(row('import-users')).toMatch(/<svg[^>]*aria-label="import-users: last 1 runs, 0 failed/);
    expect(row('flaky')).toContain('never');
    expect(row('nightly')).toContain('action="/ops/cron/jobs/nightly/pause"');
    expect(res.text).not.toMatch(/<script/i);
  });

  it('shows payload secrets as •••• and markup as text on the event page and in run errors', async () => {
    const id = await ctx.cron.trigger('import-users', {
      fail: true,
      note: XSS,
      password: 'hunter2',
      nested: { apiKey: 'k-123', list: [{ Authorization: 'Bearer zzz' }] },
    });
    await ctx.kit.runDue();
    const page = await get(`/ops/cron/events/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;');
    for (const secret of ['hunter2', 'k-123', 'zzz']) expect(page.text).not.toContain(secret);
    expect(page.text.match(/••••/g)).toHaveLength(3);
    expect(page.text).toContain('Attempt 1');
    const runs = await get('/ops/cron/runs?job=import-users&status=failed');
    expect(runs.text).toContain('import failed: &lt;script&gt;');
    expect(runs.text).not.toContain('<script>');
  });

  it('filters runs by job and status and pages back by id', async () => {
    for (let i = 0; i < 4; i += 1) await ctx.cron.trigger('import-users', {});
    await ctx.kit.runDue();
    const all = await ctx.cron.history({ job: 'import-users', status: 'succeeded', limit: 100 });
    expect(all.length).toBeGreaterThanOrEqual(4);
    const first = await get('/ops/cron/runs?job=import-users&status=succeeded');
    const ids = (text: string) =>
      [...text.matchAll(/<tr data-run="(\d+)">/g)].map((m) => Number(m[1]));
    expect(ids(first.text)).toEqual([all[0]!.id, all[1]!.id]);
    expect(first.text).not.toContain('class="st st-failed"');
    const older = /href="(\/ops\/cron\/runs\?[^"]*before=\d+)"/.exec(first.text)?.[1];
    expect(older).toBeDefined();
    const second = await get(older!.replace(/&amp;/g, '&'));
    expect(ids(second.text)).toEqual([all[2]!.id, all[3]!.id]);
    expect(second.text).toContain('>Newest</a>');
  });

  it('refuses a POST without a valid CSRF token with 403 and changes nothing', async () => {
    const { token, cookie } = await session();
    const noToken = await post('/ops/cron/jobs/nightly/pause', cookie, {});
    const noCookie = await http()
      .post('/ops/cron/jobs/nightly/pause')
      .set('x-operator', OPERATOR_TOKEN)
      .type('form')
      .send({ _csrf: token });
    const otherToken = await post('/ops/cron/jobs/nightly/pause', cookie, {
      _csrf: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
    });
    for (const res of [noToken, noCookie, otherToken]) {
      expect(res.status).toBe(403);
      expect(res.text).toContain('reload the page');
      expect(res.headers['content-security-policy']).toContain(CSP);
    }
    expect((await ctx.cron.jobs()).find((j) => j.name === 'nightly')?.paused).toBe(false);
  });

  it('pauses and resumes a job through CronService with a valid token', async () => {
    const { token, cookie } = await session();
    const paused = await post('/ops/cron/jobs/minutely/pause', cookie, { _csrf: token });
    expect(paused.status).toBe(303);
    expect(paused.headers.location).toBe('/ops/cron/');
    expect((await ctx.cron.jobs()).find((j) => j.name === 'minutely')?.paused).toBe(true);
    const page = await get('/ops/cron');
    expect(page.text).toContain('action="/ops/cron/jobs/minutely/resume"');
    const resumed = await post('/ops/cron/jobs/minutely/resume', cookie, { _csrf: token });
    expect(resumed.status).toBe(303);
    expect((await ctx.cron.jobs()).find((j) => j.name === 'minutely')?.paused).toBe(false);
  });

  it('triggers a manual job with a JSON payload, and refuses a payload that is not a JSON object', async () => {
    const { token, cookie } = await session();
    const before = (await ctx.cron.events({ job: 'import-users', limit: 1000 })).length;
    for (const payload of ['{not json', '[1,2]', '"text"']) {
      const bad = await post('/ops/cron/jobs/import-users/trigger', cookie, {
        _csrf: token,
        payload,
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('The payload must be a JSON object');
      expect(bad.text).not.toContain('not json');
    }
    expect((await ctx.cron.events({ job: 'import-users', limit: 1000 })).length).toBe(before);
    const ok = await post('/ops/cron/jobs/import-users/trigger', cookie, {
      _csrf: token,
      payload: '{"batch": 7}',
    });
    expect(ok.status).toBe(303);
    const id = Number(/\/ops\/cron\/events\/(\d+)$/.exec(ok.headers.location ?? '')?.[1]);
    expect((await ctx.cron.event(id)).payload).toEqual({ batch: 7 });
    const unknown = await post('/ops/cron/jobs/nope/trigger', cookie, {
      _csrf: token,
      payload: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('nope');
  });

  it('lists dead letters and retries one from its form', async () => {
    const id = await deadLetter(ctx);
    expect((await ctx.cron.event(id)).status).toBe('dead_letter');
    const page = await get('/ops/cron/dead-letters');
    expect(page.text).toContain(`<tr data-event="${id}">`);
    expect(page.text).toContain('upstream unavailable');
    const { token, cookie } = await session();
    flakyState.failing = false;
    const res = await post(`/ops/cron/events/${id}/retry`, cookie, { _csrf: token });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/ops/cron/events/${id}`);
    await ctx.kit.runDue();
    expect((await ctx.cron.event(id)).status).toBe('succeeded');
    expect((await get('/ops/cron/dead-letters')).text).not.toContain(`<tr data-event="${id}">`);
  });

  it('lists live instances with the age of their heartbeat', async () => {
    const now = ctx.clock.now();
    await ctx.kit.engine.store.heartbeat(
      { id: 'replica-b', host: 'host-b', pid: 4242 },
      now - 60_000,
      now - 7_000,
    );
    const res = await get('/ops/cron/instances');
    expect(res.text).toMatch(/replica-b<\/td>\s*<td>host-b<\/td>\s*<td class="num">4242<\/td>/);
    expect(res.text).toContain('7 s ago');
  });

  it('answers the guard refusal, an unknown event and a bad id with a short page, no stack', async () => {
    const refused = await http().get('/ops/cron');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You are not allowed to use the cron dashboard.');
    const { token, cookie } = await session();
    const action = await http()
      .post('/ops/cron/jobs/nightly/pause')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token });
    expect(action.status).toBe(403);
    expect((await ctx.cron.jobs()).find((j) => j.name === 'nightly')?.paused).toBe(false);
    const missing = await get('/ops/cron/events/999999');
    expect(missing.status).toBe(409);
    expect(missing.text).toContain('No event with id 999999.');
    const bad = await get('/ops/cron/events/abc');
    expect(bad.status).toBe(404);
    for (const res of [refused, action, missing, bad]) {
      expect(res.headers['content-security-policy']).toContain(CSP);
      expect(res.text).not.toMatch(/\n\s+at /);
    }
  });
});

describeEachDialect(
  'dashboard, read-only',
  (target) => {
    let ctx: DashboardApp;
    beforeAll(async () => {
      // no guard: allowed because read-only, and answered on loopback only (supertest is local)
      ctx = await dashboardApp(target().url, { readOnly: true }, { bodyParser: false });
    });
    afterAll(async () => ctx?.close());

    it('shows the pages without forms or a form cookie, and refuses every POST', async () => {
      const id = await deadLetter(ctx);
      const server = ctx.app.getHttpServer();
      for (const path of ['/cron', '/cron/dead-letters', `/cron/events/${id}`]) {
        const res = await request(server).get(path);
        expect(res.status).toBe(200);
        expect(res.text).not.toContain('method="post"');
        expect(res.headers['set-cookie']).toBeUndefined();
      }
      for (const path of ['/cron/jobs/nightly/pause', `/cron/events/${id}/retry`]) {
        const res = await request(server)
          .post(path)
          .type('form')
          .send({ _csrf: 'x'.repeat(43) });
        expect(res.status).toBe(403);
        expect(res.text).toContain('read-only');
      }
      expect((await ctx.cron.event(id)).status).toBe('dead_letter');
      expect((await ctx.cron.jobs()).every((j) => !j.paused)).toBe(true);
    });
  },
  { only: ['sqlite'] },
);

describe('dashboard configuration', () => {
  it('refuses to build a dashboard with actions and no guard', () => {
    expect(() => RegistersCronModule.forRoot({ dashboard: {} })).toThrow(CronConfigurationError);
    expect(() => RegistersCronModule.forRoot({ dashboard: { readOnly: false } })).toThrow(
      /has no guard: pass dashboard.guard .* or set dashboard.readOnly: true/,
    );
  });

  it('refuses a path that is not a route and a page size out of range', () => {
    const guard = OperatorGuard;
    expect(() => RegistersCronModule.forRoot({ dashboard: { guard, path: 'cron' } })).toThrow(
      /starting with '\/'/,
    );
    expect(() => RegistersCronModule.forRoot({ dashboard: { guard, path: '/a b' } })).toThrow(
      CronConfigurationError,
    );
    expect(() => RegistersCronModule.forRoot({ dashboard: { guard, pageSize: 0 } })).toThrow(
      /pageSize/,
    );
  });

  it('checks the dashboard given to forRootAsync the same way', () => {
    const useFactory = () => ({});
    expect(() => RegistersCronModule.forRootAsync({ useFactory, dashboard: {} })).toThrow(
      CronConfigurationError,
    );
    expect(
      RegistersCronModule.forRootAsync({ useFactory, dashboard: { readOnly: true } }).controllers,
    ).toHaveLength(2);
  });

  it('is off unless asked for: only the webhook controller is registered', () => {
    expect(RegistersCronModule.forRoot({}).controllers).toHaveLength(1);
    expect(
      RegistersCronModule.forRoot({ dashboard: { guard: OperatorGuard } }).controllers,
    ).toHaveLength(2);
  });
});
