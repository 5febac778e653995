/**
 * The cron dashboard mounted by the sample API at /cron behind DASHBOARD_TOKEN: bearer or
 * `?token=` once (then a cookie); its forms get through the JSON-only boundary.
 */
import { CronService } from '@registers/cron';
import { describeEachDialect } from '../../../test/support/dialects';
import { ApiHarness, startApi } from './support/api-app';

jest.setTimeout(60_000);

const TOKEN = 'dashboard-token-for-tests';

function cookiesOf(setCookie: string[] | string | undefined): string[] {
  return (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []).map(
    (c) => c.split(';')[0] ?? '',
  );
}

describeEachDialect(
  'sample api cron dashboard',
  (target) => {
    let api: ApiHarness;
    beforeAll(async () => {
      process.env.DASHBOARD_TOKEN = TOKEN;
      api = await startApi(target().url);
    });
    afterAll(async () => {
      delete process.env.DASHBOARD_TOKEN;
      await api?.close();
    });

    it('refuses anyone without the token, and everyone when DASHBOARD_TOKEN is unset', async () => {
      for (const auth of [undefined, 'Bearer wrong', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`]) {
        const req = api.http().get('/cron');
        const res = await (auth ? req.set('Authorization', auth) : req);
        expect(res.status).toBe(403);
        expect(res.text).toContain('You are not allowed to use the cron dashboard.');
        expect(res.text).not.toContain(TOKEN);
      }
      expect((await api.http().get('/cron?token=nope')).status).toBe(403);
      delete process.env.DASHBOARD_TOKEN;
      try {
        expect((await api.http().get('/cron').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(
          403,
        );
      } finally {
        process.env.DASHBOARD_TOKEN = TOKEN;
      }
    });

    it('serves the jobs page to a bearer token, and to a browser after ?token= once', async () => {
      const bearer = await api.http().get('/cron').set('Authorization', `Bearer ${TOKEN}`);
      expect(bearer.status).toBe(200);
      expect(bearer.text).toContain('<tr data-job="deploy-hook">');
      expect(bearer.headers['content-security-policy']).toContain("default-src 'none'");

      const once = await api.http().get(`/cron?token=${TOKEN}`);
      expect(once.status).toBe(200);
      const cookies = cookiesOf(once.headers['set-cookie']);
      const login = cookies.find((c) => c.startsWith('dashboard_token='));
      expect(login).toBeDefined();
      expect(once.headers['set-cookie']).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^dashboard_token=.*; Path=\/cron; HttpOnly; SameSite=Strict$/),
        ]),
      );
      const later = await api.http().get('/cron/runs').set('Cookie', login!);
      expect(later.status).toBe(200);
    });

    it('accepts the dashboard form posts through the JSON-only boundary, with the page token only', async () => {
      const page = await api.http().get('/cron').set('Authorization', `Bearer ${TOKEN}`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      const cookie = cookiesOf(page.headers['set-cookie']).find((c) =>
        c.startsWith('registers_cron_csrf='),
      );
      const post = (form: Record<string, string>) =>
        api
          .http()
          .post('/cron/jobs/deploy-hook/pause')
          .set('Authorization', `Bearer ${TOKEN}`)
          .set('Cookie', cookie!)
          .type('form')
          .send(form);
      const cron = api.app.get(CronService);
      expect((await post({})).status).toBe(403);
      expect((await cron.jobs()).find((j) => j.name === 'deploy-hook')?.paused).toBe(false);
      const ok = await post({ _csrf: csrf! });
      expect(ok.status).toBe(303);
      expect((await cron.jobs()).find((j) => j.name === 'deploy-hook')?.paused).toBe(true);
      await cron.resume('deploy-hook');
      // the rest of the API still takes JSON only
      const form = await api.http().post('/products').type('form').send({ name: 'Teapot' });
      expect(form.status).toBe(415);
    });
  },
  { only: ['sqlite', 'postgres'] },
);
