/**
 * The built sample API (`node dist/apps/sample-api/main.js`) with DASHBOARD_TOKEN, driven in
 * headless Chromium: sign in with `?token=` once, watch a webhook's run appear, pause and
 * resume the job from the page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  describeWithChromium,
  launchChromium,
  SCREENSHOTS,
} from '../../../libs/registers-cron/test/dashboard/browser-support';
import { assertApiBuilt, RunningServer, startBuiltServer } from './support/built-server';

jest.setTimeout(90_000);

const DASHBOARD_TOKEN = 'built-dashboard-token';
const DEPLOY_TOKEN = 'built-deploy-token';

describeWithChromium('sample api built server: cron dashboard in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sample-api-dashboard-'));
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const deploy = (env: string) =>
    fetch(`${server.baseUrl}/hooks/deploy`, {
      method: 'POST',
      headers: { authorization: `Bearer ${DEPLOY_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ env }),
    });

  beforeAll(async () => {
    assertApiBuilt();
    server = await startBuiltServer({
      cwd: dir,
      databaseUrl: `sqlite:${join(dir, 'shop.db')}`,
      env: { DASHBOARD_TOKEN, DEPLOY_TOKEN },
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 700 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a browser without the token', async () => {
    const res = await page.goto(`${server.baseUrl}/cron`);
    expect(res?.status()).toBe(403);
    expect(await page.locator('main').innerText()).toContain('You are not allowed');
  });

  it('signs in with ?token= once, then shows the job and its webhook run', async () => {
    await page.goto(`${server.baseUrl}/cron?token=${DASHBOARD_TOKEN}`);
    expect(await page.locator('tr[data-job="deploy-hook"]').innerText()).toContain('webhook');
    expect((await deploy('staging')).status).toBe(202);
    // the API's own workers run it: reload the runs page until the run has ended
    const run = page.locator('tr[data-run]').first();
    for (let i = 0; i < 100; i += 1) {
      await page.goto(`${server.baseUrl}/cron/runs?job=deploy-hook`);
      if ((await run.count()) && !(await run.innerText()).includes('running')) break;
      await page.waitForTimeout(100);
    }
    expect(await run.locator('.st').innerText()).toBe('succeeded');
    await page.screenshot({ path: join(SCREENSHOTS, 'sample-api-runs.png'), fullPage: true });
  });

  it('pauses the job from the page (the webhook answers 409) and resumes it (202 again)', async () => {
    await page.goto(`${server.baseUrl}/cron`);
    const row = page.locator('tr[data-job="deploy-hook"]');
    await row.getByRole('button', { name: 'Pause' }).click();
    await page.waitForURL(`${server.baseUrl}/cron/`);
    expect(await row.locator('.st-paused').count()).toBe(1);
    expect((await deploy('paused')).status).toBe(409);
    await row.getByRole('button', { name: 'Resume' }).click();
    await page.waitForURL(`${server.baseUrl}/cron/`);
    expect((await deploy('resumed')).status).toBe(202);
    await page.screenshot({ path: join(SCREENSHOTS, 'sample-api-jobs.png'), fullPage: true });
  });
});
