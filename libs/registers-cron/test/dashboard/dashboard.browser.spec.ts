import { copyFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeEachDialect } from '../../../../test/support/dialects';
import { describeWithChromium, launchChromium, SCREENSHOTS } from './browser-support';
import {
  dashboardApp,
  deadLetter,
  flakyState,
  OperatorGuard,
  OPERATOR_TOKEN,
  XSS,
  type DashboardApp,
} from './dashboard-support';

jest.setTimeout(60_000);

/** Seeded runs of `import-users` for the chart: [fails, duration in ms]. */
const HISTORY: Array<[boolean, number]> = [
  [false, 420],
  [false, 610],
  [true, 150],
  [false, 380],
  [false, 900],
  [false, 520],
  [true, 90],
  [false, 470],
  [false, 640],
  [false, 1200],
  [false, 560],
  [false, 430],
];

/** Set to refresh the screenshot shown in the README (libs/registers-cron/docs/). */
const DOCS_SCREENSHOT = process.env.REGISTERS_DASHBOARD_DOCS_SCREENSHOT === '1';

describeWithChromium('dashboard in Chromium', () => {
  describeEachDialect(
    'dashboard in Chromium',
    (target) => {
      let ctx: DashboardApp;
      let browser: Browser;
      let context: BrowserContext;
      let page: Page;
      let base: string;
      const shot = (name: string) =>
        page.screenshot({
          path: join(SCREENSHOTS, `${target().dialect}-${name}.png`),
          fullPage: true,
        });
      const row = (job: string) => page.locator(`tr[data-job="${job}"]`);

      beforeAll(async () => {
        ctx = await dashboardApp(target().url, { guard: OperatorGuard });
        await ctx.app.listen(0, '127.0.0.1');
        base = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as AddressInfo).port}/cron`;
        // some history for the charts: three good imports and one failure
        for (const [fail, ms] of HISTORY) await ctx.cron.trigger('import-users', { fail, ms });
        await ctx.kit.runDue();
        browser = await launchChromium();
        context = await browser.newContext({
          extraHTTPHeaders: { 'x-operator': OPERATOR_TOKEN },
          viewport: { width: 1400, height: 800 },
        });
        page = await context.newPage();
      });

      afterAll(async () => {
        await browser?.close();
        await ctx?.close();
      });

      it('renders the jobs page with one row per job, its chart and its actions', async () => {
        await page.goto(`${base}/`);
        expect(
          await page
            .locator('tr[data-job]')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-job'))),
        ).toEqual(['nightly', 'minutely', 'import-users', 'flaky']);
        expect(await row('nightly').innerText()).toContain('Europe/Paris');
        expect(await row('import-users').locator('svg rect').count()).toBe(HISTORY.length);
        expect(await row('import-users').locator('svg rect[fill="#c83232"]').count()).toBe(2);
        expect(await row('import-users').getByRole('button', { name: 'Trigger' }).count()).toBe(1);
        await shot('jobs');
        if (DOCS_SCREENSHOT && target().dialect === 'sqlite') {
          mkdirSync(join(__dirname, '..', '..', 'docs'), { recursive: true });
          copyFileSync(
            join(SCREENSHOTS, 'sqlite-jobs.png'),
            join(__dirname, '..', '..', 'docs', 'dashboard-jobs.png'),
          );
        }
      });

      it('triggers a job from its form and shows a hostile payload as inert text', async () => {
        let dialogs = 0;
        page.on('dialog', (d) => {
          dialogs += 1;
          void d.dismiss();
        });
        await page.goto(`${base}/`);
        const payload = JSON.stringify({ fail: true, note: XSS, password: 'hunter2' });
        await row('import-users').locator('textarea').fill(payload);
        await row('import-users').getByRole('button', { name: 'Trigger' }).click();
        await page.waitForURL(/\/cron\/events\/\d+$/);
        await ctx.kit.runDue();
        await page.reload();
        expect(await page.locator('#payload').innerText()).toContain(JSON.stringify(XSS));
        expect(await page.locator('#payload').innerText()).toContain('"password": "••••"');
        expect(await page.content()).not.toContain('hunter2');
        expect(await page.locator('script').count()).toBe(0);
        expect(await page.title()).toMatch(/^Event #\d+ · cron$/);
        expect(await page.locator('ol.timeline li').innerText()).toContain(`import failed: ${XSS}`);
        expect(dialogs).toBe(0);
        await shot('event');
      });

      it('filters the runs list by job and status', async () => {
        await page.goto(`${base}/runs`);
        await page.selectOption('select[name="job"]', 'import-users');
        await page.selectOption('select[name="status"]', 'failed');
        await page.getByRole('button', { name: 'Filter' }).click();
        await page.waitForURL(/status=failed/);
        const statuses = await page.locator('tr[data-run] .st').allInnerTexts();
        expect(statuses).toEqual(['failed', 'failed', 'failed']);
        await shot('runs');
      });

      it('retries a dead letter from its page, and the job runs again', async () => {
        const id = await deadLetter(ctx);
        await page.goto(`${base}/dead-letters`);
        await shot('dead-letters');
        flakyState.failing = false;
        const runsBefore = flakyState.runs;
        await page.locator(`tr[data-event="${id}"]`).getByRole('button', { name: 'Retry' }).click();
        await page.waitForURL(new RegExp(`/cron/events/${id}$`));
        expect(await page.locator('table .st').first().innerText()).toBe('pending');
        await ctx.kit.runDue();
        expect(flakyState.runs).toBe(runsBefore + 1);
        await page.reload();
        expect(await page.locator('table .st').first().innerText()).toBe('succeeded');
        expect(await page.locator('ol.timeline li').count()).toBe(3);
      });

      it('pauses and resumes a scheduled job, and the scheduler follows', async () => {
        const fires = async () => (await ctx.cron.events({ job: 'minutely', limit: 1000 })).length;
        await page.goto(`${base}/`);
        await row('minutely').getByRole('button', { name: 'Pause' }).click();
        await page.waitForURL(`${base}/`);
        expect(await row('minutely').locator('.st-paused').innerText()).toBe('paused');
        const before = await fires();
        await ctx.kit.advance({ minutes: 3 });
        expect(await fires()).toBe(before);
        await row('minutely').getByRole('button', { name: 'Resume' }).click();
        await page.waitForURL(`${base}/`);
        expect(await row('minutely').getByRole('button', { name: 'Pause' }).count()).toBe(1);
        await ctx.kit.advance({ minutes: 2 });
        expect(await fires()).toBe(before + 2);
      });

      it('lists the live instances with their heartbeat age', async () => {
        const now = ctx.clock.now();
        const store = ctx.kit.engine.store;
        await store.heartbeat(
          { id: ctx.cron.instanceId, host: 'app-1', pid: 101 },
          now - 90_000,
          now - 2_000,
        );
        await store.heartbeat(
          { id: 'app-2-4711', host: 'app-2', pid: 4711 },
          now - 60_000,
          now - 9_000,
        );
        await page.goto(`${base}/instances`);
        const text = await page.locator('table').innerText();
        expect(text).toContain('app-2-4711');
        expect(text).toMatch(/app-1\s+101/);
        await shot('instances');
      });

      it('refuses POSTs without the page token, from a script or from another site', async () => {
        const bare = await context.request.post(`${base}/jobs/nightly/pause`, { form: { x: '1' } });
        expect(bare.status()).toBe(403);
        expect(await bare.text()).toContain('reload the page');

        // a page on another site (localhost is not the same site as 127.0.0.1) auto-submits a form
        const evil: Server = createServer((_req, res) => {
          res.setHeader('Content-Type', 'text/html');
          res.end(
            `<form method="post" action="${base}/jobs/nightly/pause"><input name="_csrf" value="${'a'.repeat(43)}"></form><script>document.forms[0].submit()</script>`,
          );
        });
        await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
        try {
          const port = (evil.address() as AddressInfo).port;
          const response = page.waitForResponse((r) => r.url().endsWith('/jobs/nightly/pause'));
          await page.goto(`http://localhost:${port}/`);
          expect((await response).status()).toBe(403);
        } finally {
          await new Promise((resolve) => evil.close(resolve));
        }
        expect((await ctx.cron.jobs()).find((j) => j.name === 'nightly')?.paused).toBe(false);
      });
    },
    { only: ['sqlite', 'postgres'] },
  );
});
