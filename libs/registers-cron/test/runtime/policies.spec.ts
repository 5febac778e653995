import { Injectable } from '@nestjs/common';
import { describeEachDialect } from '../../../../test/support/dialects';
import { CronOrchestrator } from '../../src/cron.orchestrator';
import { CronService } from '../../src/cron.service';
import { Job, JobCtx } from '../../src/decorators';
import { JobPausedError } from '../../src/common/errors';
import type { JobContext } from '../../src/interfaces';
import { Trigger } from '../../src/triggers/trigger';
import { cronTestApp, type CronTestApp } from '../support/cron-test-app';

/** A promise the test resolves by hand, to hold a handler open. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

@Injectable()
class PolicyJobs {
  held = gate();
  sawAbort = false;

  @Job({ maxRuntimeSeconds: 0.2 })
  async slow(@JobCtx() ctx: JobContext) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      ctx.signal.addEventListener('abort', () => {
        this.sawAbort = true;
        clearTimeout(timer);
        resolve();
      });
    });
    return 'finished';
  }

  /** Takes no context, so it cannot see an abort: the timeout must stop waiting for it. */
  @Job({ maxRuntimeSeconds: 0.2 })
  async stubborn() {
    await new Promise<void>((resolve) => setTimeout(resolve, 3_000).unref());
    return 'too late';
  }

  @Job({ overlap: 'skip' })
  async exclusive() {
    await this.held.opened;
    return 'exclusive done';
  }

  @Job({ overlap: 'queue' })
  async serial() {
    await this.held.opened;
    return 'serial done';
  }

  @Job({ trigger: Trigger.interval({ minutes: 1 }), overlap: 'queue' })
  queuedTick() {
    return 'tick';
  }

  @Job({ trigger: Trigger.interval({ minutes: 1 }) })
  paused() {
    return 'should not run while paused';
  }

  @Job({ retry: { policy: 'fixed', maxAttempts: 3, backoffSeconds: 5 } })
  crashy(@JobCtx() ctx: JobContext) {
    return `attempt ${ctx.attempt}`;
  }

  @Job({ trigger: Trigger.cron('*/10 * * * *') })
  report(@JobCtx() ctx: JobContext) {
    return ctx.scheduledAt?.toISOString();
  }
}

describeEachDialect('cron timeouts, overlap, pause, leases', (target) => {
  let t: CronTestApp;
  let cron: CronService;
  let jobs: PolicyJobs;
  beforeAll(async () => {
    t = await cronTestApp(target().url, [PolicyJobs], {
      start: '2026-03-01T00:00:30Z',
      leaseSeconds: 30,
    });
    cron = t.app.get(CronService);
    jobs = t.app.get(PolicyJobs);
    await cron.pause('queued-tick');
    await cron.pause('paused');
  });
  afterAll(() => t?.close());

  const engine = () => t.app.get(CronOrchestrator).engine;

  it('maxRuntimeSeconds aborts ctx.signal and ends the run as timeout', async () => {
    const id = await cron.trigger('slow');
    await t.kit.runDue();
    expect(jobs.sawAbort).toBe(true);
    const [run] = await cron.history({ eventId: id });
    expect(run).toMatchObject({ status: 'timeout', result: null });
    expect(run.error).toMatch(/ran longer than maxRuntimeSeconds \(0\.2 s\)/);
    expect((await cron.event(id)).status).toBe('failed');
  });

  it('maxRuntimeSeconds ends the run of a handler that never reads ctx.signal', async () => {
    const id = await cron.trigger('stubborn');
    const started = Date.now();
    await t.kit.runDue();
    expect(Date.now() - started).toBeLessThan(2_500);
    const [run] = await cron.history({ eventId: id });
    expect(run).toMatchObject({ status: 'timeout', result: null });
    expect((await cron.event(id)).status).toBe('failed');
  });

  it("overlap 'skip': a second event while one runs is recorded as skipped", async () => {
    jobs.held = gate();
    const first = await cron.trigger('exclusive');
    const second = await cron.trigger('exclusive');
    const claimed = await engine().claim(10);
    expect(claimed.map((e) => e.id).sort()).toEqual([first, second].sort());
    const running = claimed.map((e) => engine().execute(e));
    const secondOutcome = await running[claimed.findIndex((e) => e.id === second)];
    expect(secondOutcome.status).toBe('skipped');
    jobs.held.open();
    await Promise.all(running);
    expect((await cron.event(first)).status).toBe('succeeded');
    expect((await cron.event(second)).status).toBe('skipped');
    expect((await cron.history({ eventId: second }))[0].status).toBe('skipped');
  });

  it("overlap 'queue': the second event waits and runs after the first", async () => {
    jobs.held = gate();
    const first = await cron.trigger('serial');
    const second = await cron.trigger('serial');
    const claimed = await engine().claim(10);
    const running = claimed.map((e) => engine().execute(e));
    const secondOutcome = await running[claimed.findIndex((e) => e.id === second)];
    expect(secondOutcome.status).toBe('requeued');
    expect(await cron.event(second)).toMatchObject({ status: 'pending', attempt: 0 });
    jobs.held.open();
    await Promise.all(running);
    await t.kit.advance({ seconds: 2 });
    expect(await cron.event(second)).toMatchObject({ status: 'succeeded', attempt: 1 });
    expect((await cron.event(first)).status).toBe('succeeded');
  });

  it("overlap 'queue' keeps at most one waiting fire: later fires while one waits are skipped", async () => {
    await cron.resume('queued-tick');
    const before = t.clock.now();
    t.clock.advance({ minutes: 3 });
    await t.kit.runDue(); // inserts 3 fires: one pending, two skipped; runs the pending one
    const events = (await cron.events({ job: 'queued-tick', limit: 10 })).filter(
      (e) => Date.parse(e.createdAt) >= before,
    );
    expect(events.map((e) => e.status).sort()).toEqual(['skipped', 'skipped', 'succeeded']);
  });

  it('a paused job is not fired by its schedule and refuses triggers; resume fires from now on', async () => {
    await t.kit.advance({ minutes: 5 });
    expect(await cron.events({ job: 'paused' })).toEqual([]);
    await expect(cron.trigger('paused')).rejects.toThrow(JobPausedError);
    expect(await cron.events({ job: 'paused' })).toEqual([]);
    await cron.resume('paused');
    await t.kit.advance({ minutes: 2 });
    const events = await cron.events({ job: 'paused' });
    expect(events).toHaveLength(2);
    expect(events.every((e) => Date.parse(e.scheduledAt!) > t.clock.now() - 121_000)).toBe(true);
  });

  it('a claim whose worker died is re-claimed after its lease as the next attempt', async () => {
    const id = await cron.trigger('crashy');
    const [lost] = await engine().claim(1, id); // a worker claims it, starts a run, then dies
    await engine().store.startRun(lost, 'dead-instance', t.clock.now());
    await t.kit.advance({ seconds: 29 });
    expect(await cron.event(id)).toMatchObject({ status: 'running', attempt: 1 });
    await t.kit.advance({ seconds: 2 }); // lease expired: reaped to attempt 2 after the 5 s backoff
    expect(await cron.event(id)).toMatchObject({ status: 'pending', attempt: 1 });
    await t.kit.advance({ seconds: 5 });
    expect(await cron.event(id)).toMatchObject({ status: 'succeeded', attempt: 2 });
    const runs = (await cron.history({ eventId: id })).reverse();
    expect(runs.map((r) => [r.attempt, r.status])).toEqual([
      [1, 'failed'],
      [2, 'succeeded'],
    ]);
    expect(runs[0].error).toMatch(/^lease expired/);
    expect(runs[1].result).toBe('attempt 2');
    // The dead worker's token no longer matches: its late writes change nothing.
    expect(
      await engine().store.finishEvent(id, lost.leaseToken!, {
        status: 'failed',
        finishedAt: t.clock.now(),
        error: 'late',
      }),
    ).toBe(false);
    expect(await engine().store.extendLease(id, lost.leaseToken!, t.clock.now() + 1000)).toBe(
      false,
    );
    expect((await cron.event(id)).status).toBe('succeeded');
  });

  it('an idempotency key returns the first event instead of enqueuing again', async () => {
    const a = await cron.trigger('crashy', { n: 1 }, { idempotencyKey: 'delivery-42' });
    const b = await cron.trigger('crashy', { n: 2 }, { idempotencyKey: 'delivery-42' });
    expect(b).toBe(a);
    expect((await cron.event(a)).payload).toEqual({ n: 1 });
  });

  it('run --scheduled runs the due fire once under its key', async () => {
    t.clock.set('2026-03-01T01:05:00Z');
    const first = await cron.run('report', {}, { scheduled: true });
    expect(first).toMatchObject({ alreadyHandled: false, scheduledAt: '2026-03-01T01:00:00.000Z' });
    expect(first.run).toMatchObject({ status: 'succeeded', result: '2026-03-01T01:00:00.000Z' });
    const second = await cron.run('report', {}, { scheduled: true });
    expect(second).toMatchObject({ alreadyHandled: true, eventId: first.eventId });
    await t.kit.runDue(); // the in-app scheduler reaches the same fire: no second run
    const runs = (await cron.history({ job: 'report', limit: 100 })).filter(
      (r) => r.result === '2026-03-01T01:00:00.000Z',
    );
    expect(runs).toHaveLength(1);
  });
});
