/**
 * The API's cron runtime: `POST /hooks/deploy` enqueues the `deploy-hook` job and an
 * in-process worker runs it, on each database.
 */
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronService } from '@registers/cron';
import { describeEachDialect } from '../../../test/support/dialects';
import { ApiHarness, startApi } from './support/api-app';

jest.setTimeout(60_000);

const TOKEN = 'deploy-token-for-tests';

async function waitForStatus(cron: CronService, eventId: number, status: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const event = await cron.event(eventId);
    if (event.status === status || Date.now() > deadline) return event;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeEachDialect('sample api deploy hook', (target) => {
  let api: ApiHarness;
  let cron: CronService;
  beforeAll(async () => {
    process.env.DEPLOY_TOKEN = TOKEN;
    api = await startApi(target().url);
    cron = api.app.get(CronService);
  });
  afterAll(async () => {
    delete process.env.DEPLOY_TOKEN;
    await api?.close();
  });

  it('answers 202 { eventId } and a worker runs the job with the posted payload', async () => {
    const res = await api
      .http()
      .post('/hooks/deploy')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ env: 'staging' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ eventId: expect.any(Number) });
    const event = await waitForStatus(cron, res.body.eventId, 'succeeded');
    expect(event).toMatchObject({
      job: 'deploy-hook',
      source: 'webhook',
      status: 'succeeded',
      payload: { env: 'staging' },
    });
    const [run] = await cron.history({ eventId: res.body.eventId });
    expect(run).toMatchObject({ status: 'succeeded', result: 'deployed staging', attempt: 1 });
    expect(typeof run.instance).toBe('string');
  });

  it('runs with "default" when the body names no env', async () => {
    const res = await api.http().post('/hooks/deploy').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(202);
    await waitForStatus(cron, res.body.eventId, 'succeeded');
    expect((await cron.history({ eventId: res.body.eventId }))[0].result).toBe('deployed default');
  });

  it('answers 401 and enqueues nothing on a wrong or missing token, and never echoes it', async () => {
    const events = async () => (await cron.events({ job: 'deploy-hook', limit: 1000 })).length;
    const before = await events();
    const wrong = await api
      .http()
      .post('/hooks/deploy')
      .set('Authorization', 'Bearer nope')
      .send({ env: 'x' });
    const missing = await api.http().post('/hooks/deploy').send({ env: 'x' });
    expect([wrong.status, missing.status]).toEqual([401, 401]);
    expect(wrong.text).not.toContain(TOKEN);
    expect(await events()).toBe(before);
  });

  it('answers 401 to every call when DEPLOY_TOKEN is not set', async () => {
    delete process.env.DEPLOY_TOKEN;
    try {
      const res = await api
        .http()
        .post('/hooks/deploy')
        .set('Authorization', `Bearer ${TOKEN}`)
        .send({});
      expect(res.status).toBe(401);
    } finally {
      process.env.DEPLOY_TOKEN = TOKEN;
    }
  });

  it("lists cron's timer in @nestjs/schedule's SchedulerRegistry", () => {
    expect(api.app.get(SchedulerRegistry).getTimeouts()).toContain('registers-cron:scheduler');
  });

  it('reports the cron runtime in /health and lists this instance', async () => {
    const res = await api.http().get('/health');
    expect(res.body).toEqual({ status: 'ok', db: 'up', cron: 'up' });
    expect((await cron.status()).instances).toHaveLength(1);
  });
});
