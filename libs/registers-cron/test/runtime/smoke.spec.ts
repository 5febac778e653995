import { Injectable } from '@nestjs/common';
import { describeEachDialect } from '../../../../test/support/dialects';
import { Job, JobCtx, JobPayload } from '../../src/decorators';
import type { JobContext } from '../../src/interfaces';
import { CronService } from '../../src/cron.service';
import { Trigger } from '../../src/triggers/trigger';
import { cronTestApp, type CronTestApp } from '../support/cron-test-app';

@Injectable()
class SmokeJobs {
  calls: unknown[] = [];
  @Job()
  rebuild(@JobPayload() payload: { dryRun?: boolean }) {
    this.calls.push(payload);
    return `rebuilt: dry_run=${payload.dryRun === true}`;
  }

  @Job({ trigger: Trigger.interval({ minutes: 1 }) })
  tick(@JobCtx() ctx: JobContext) {
    return `beat ${ctx.scheduledAt?.toISOString()}`;
  }
}

describeEachDialect('cron smoke', (target) => {
  let t: CronTestApp;
  beforeAll(async () => {
    t = await cronTestApp(target().url, [SmokeJobs], { start: '2026-03-01T00:00:30Z' });
  });
  afterAll(() => t?.close());

  it('triggers and runs a manual job', async () => {
    const cron = t.app.get(CronService);
    const id = await cron.trigger('rebuild', { dryRun: true });
    expect(await t.kit.runDue()).toBe(1);
    const [run] = await cron.history({ job: 'rebuild' });
    expect(run).toMatchObject({
      eventId: id,
      status: 'succeeded',
      attempt: 1,
      result: 'rebuilt: dry_run=true',
    });
  });

  it('fires an interval job once per instant', async () => {
    const cron = t.app.get(CronService);
    expect(await t.kit.advance({ minutes: 3 })).toBe(3);
    const runs = await cron.history({ job: 'tick' });
    expect(runs.map((r) => r.result).sort()).toEqual([
      'beat 2026-03-01T00:01:00.000Z',
      'beat 2026-03-01T00:02:00.000Z',
      'beat 2026-03-01T00:03:00.000Z',
    ]);
  });
});
