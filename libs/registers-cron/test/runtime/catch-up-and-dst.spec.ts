import { Injectable } from '@nestjs/common';
import { describeEachDialect } from '../../../../test/support/dialects';
import { CronService } from '../../src/cron.service';
import { Job, JobCtx } from '../../src/decorators';
import type { JobContext } from '../../src/interfaces';
import { VirtualClock } from '../../src/testing/virtual-clock';
import { Trigger } from '../../src/triggers/trigger';
import { cronTestApp } from '../support/cron-test-app';

const fire = (ctx: JobContext) => ctx.scheduledAt!.toISOString();

@Injectable()
class CatchUpJobs {
  @Job({ trigger: Trigger.interval({ minutes: 1 }), catchUp: 'skip' })
  skipper(@JobCtx() ctx: JobContext) {
    return fire(ctx);
  }

  @Job({ trigger: Trigger.interval({ minutes: 1 }), catchUp: 'latest' })
  latest(@JobCtx() ctx: JobContext) {
    return fire(ctx);
  }

  @Job({ trigger: Trigger.interval({ minutes: 1 }), catchUp: 'all', catchUpWindowSeconds: 300 })
  everything(@JobCtx() ctx: JobContext) {
    return fire(ctx);
  }
}

@Injectable()
class DstJobs {
  @Job({ trigger: Trigger.cron('30 2 * * *', { timezone: 'America/New_York' }) })
  springGap(@JobCtx() ctx: JobContext) {
    return fire(ctx);
  }

  @Job({ trigger: Trigger.cron('30 1 * * *', { timezone: 'America/New_York' }) })
  fallOverlap(@JobCtx() ctx: JobContext) {
    return fire(ctx);
  }

  @Job({ trigger: Trigger.cron('*/30 * * * *', { timezone: 'America/New_York' }) })
  halfHourly(@JobCtx() ctx: JobContext) {
    return fire(ctx);
  }
}

async function results(cron: CronService, job: string): Promise<string[]> {
  return (await cron.history({ job, limit: 1000 })).map((r) => r.result as string).sort();
}

describeEachDialect('cron catch-up and DST', (target) => {
  it('missed fires while every instance was down follow each job catchUp policy', async () => {
    const clock = new VirtualClock('2026-03-01T00:00:30Z');
    const first = await cronTestApp(target().url, [CatchUpJobs], { clock });
    await first.kit.advance({ minutes: 2 }); // fires 00:01 and 00:02 for each job
    await first.close();

    clock.set('2026-03-01T00:10:30Z'); // down for 8 minutes: 00:03 … 00:10 missed
    const second = await cronTestApp(target().url, [CatchUpJobs], { clock });
    await second.kit.runDue();
    const cron = second.app.get(CronService);
    const early = ['2026-03-01T00:01:00.000Z', '2026-03-01T00:02:00.000Z'];
    expect(await results(cron, 'skipper')).toEqual(early);
    expect(await results(cron, 'latest')).toEqual([...early, '2026-03-01T00:10:00.000Z']);
    // 'all' within a 300 s window before now (00:05:30 … 00:10:00)
    expect(await results(cron, 'everything')).toEqual([
      ...early,
      '2026-03-01T00:06:00.000Z',
      '2026-03-01T00:07:00.000Z',
      '2026-03-01T00:08:00.000Z',
      '2026-03-01T00:09:00.000Z',
      '2026-03-01T00:10:00.000Z',
    ]);
    await second.kit.advance({ minutes: 1 });
    expect((await results(cron, 'skipper')).pop()).toBe('2026-03-01T00:11:00.000Z');
    await second.close();
  });

  it('a late timer still inserts every fire since the last one (load delays, never drops)', async () => {
    const clock = new VirtualClock('2026-04-01T00:00:30Z');
    const app = await cronTestApp(target().url, [CatchUpJobs], { clock });
    await app.kit.advance({ minutes: 5 }); // one tick 5 minutes late
    expect(await results(app.app.get(CronService), 'skipper')).toContain(
      '2026-04-01T00:03:00.000Z',
    );
    expect(
      (await results(app.app.get(CronService), 'skipper')).filter((r) =>
        r.startsWith('2026-04-01'),
      ),
    ).toHaveLength(5);
    await app.close();
  });

  it('America/New_York: the spring gap runs once at 03:00, the repeated hour runs once, */30 runs through it', async () => {
    const clock = new VirtualClock('2026-03-07T12:00:00Z');
    const app = await cronTestApp(target().url, [DstJobs], { clock });
    const cron = app.app.get(CronService);
    for (let h = 0; h < 48; h++) await app.kit.advance({ hours: 1 });
    expect(await results(cron, 'spring-gap')).toEqual([
      '2026-03-08T07:00:00.000Z', // 02:30 does not exist: 03:00 EDT
      '2026-03-09T06:30:00.000Z', // 02:30 EDT
    ]);
    clock.set('2026-10-31T12:00:00Z');
    await app.kit.startInstance();
    for (let h = 0; h < 44; h++) await app.kit.advance({ hours: 1 });
    const fall = (await results(cron, 'fall-overlap')).filter((r) => r >= '2026-10-31T12');
    expect(fall).toEqual([
      '2026-11-01T05:30:00.000Z', // the first 01:30 (EDT) only
      '2026-11-02T06:30:00.000Z',
    ]);
    const halfHourly = (await results(cron, 'half-hourly')).filter(
      (r) => r >= '2026-11-01T04:30' && r < '2026-11-01T07:01',
    );
    expect(halfHourly).toEqual([
      '2026-11-01T04:30:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T07:00:00.000Z',
    ]);
    const explained = cron.explain('spring-gap', { count: 3 });
    expect(explained).toHaveLength(3);
    await app.close();
  });
});
