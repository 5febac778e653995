import { Injectable } from '@nestjs/common';
import { describeEachDialect } from '../../../../test/support/dialects';
import { CronService } from '../../src/cron.service';
import { Job, JobCtx, JobPayload } from '../../src/decorators';
import { EventStateError } from '../../src/common/errors';
import type { JobContext } from '../../src/interfaces';
import { cronTestApp, type CronTestApp } from '../support/cron-test-app';

@Injectable()
class RetryJobs {
  failuresLeft = new Map<string, number>();
  seenAttempts: number[] = [];

  private maybeFail(key: string) {
    const left = this.failuresLeft.get(key) ?? 0;
    if (left > 0) {
      this.failuresLeft.set(key, left - 1);
      throw new Error(`${key} failed (${left} failures left)`);
    }
  }

  @Job({ retry: { policy: 'fixed', maxAttempts: 3, backoffSeconds: 10 } })
  fixed(@JobCtx() ctx: JobContext) {
    this.seenAttempts.push(ctx.attempt);
    this.maybeFail('fixed');
    return 'ok';
  }

  @Job({
    retry: {
      policy: 'exponential',
      maxAttempts: 4,
      backoffSeconds: 10,
      maxBackoffSeconds: 25,
      jitterSeconds: 2,
    },
  })
  exponential() {
    throw new Error('always fails');
  }

  @Job()
  once(@JobPayload() payload: { fail?: boolean }) {
    if (payload.fail) throw new Error('refused');
    return 'done';
  }

  @Job({ retry: { policy: 'fixed', maxAttempts: 2, backoffSeconds: 1 } })
  flaky() {
    this.maybeFail('flaky');
    return 'recovered';
  }
}

describeEachDialect('cron retries and dead letters', (target) => {
  let t: CronTestApp;
  let cron: CronService;
  let jobs: RetryJobs;
  beforeAll(async () => {
    t = await cronTestApp(target().url, [RetryJobs], { start: '2026-03-01T00:00:00Z' });
    cron = t.app.get(CronService);
    jobs = t.app.get(RetryJobs);
  });
  afterAll(() => t?.close());

  it('fixed: waits the backoff between attempts, then succeeds on attempt 3', async () => {
    jobs.failuresLeft.set('fixed', 2);
    const id = await cron.trigger('fixed');
    const started = t.clock.now();
    expect(await t.kit.runDue()).toBe(1);
    let event = await cron.event(id);
    expect(event).toMatchObject({
      status: 'pending',
      attempt: 1,
      error: 'fixed failed (2 failures left)',
    });
    expect(Date.parse(event.runAfter) - started).toBe(10_000);
    expect(await t.kit.advance({ seconds: 9 })).toBe(0);
    expect(await t.kit.advance({ seconds: 1 })).toBe(1);
    expect(await t.kit.advance({ seconds: 10 })).toBe(1);
    event = await cron.event(id);
    expect(event.status).toBe('succeeded');
    const runs = (await cron.history({ eventId: id })).reverse();
    expect(runs.map((r) => [r.attempt, r.status, r.error])).toEqual([
      [1, 'failed', 'fixed failed (2 failures left)'],
      [2, 'failed', 'fixed failed (1 failures left)'],
      [3, 'succeeded', null],
    ]);
    expect(runs[2].result).toBe('ok');
    expect(jobs.seenAttempts.slice(-3)).toEqual([1, 2, 3]);
  });

  it('exponential: base × 2^(n−1), capped, plus 0..jitter; exhausted → dead_letter', async () => {
    const id = await cron.trigger('exponential');
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      await t.kit.runDue();
      const event = await cron.event(id);
      expect(event).toMatchObject({ status: 'pending', attempt });
      delays.push(Date.parse(event.runAfter) - t.clock.now());
      t.clock.set(event.runAfter);
    }
    const bases = [10_000, 20_000, 25_000];
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(bases[i]);
      expect(d).toBeLessThanOrEqual(bases[i] + 2_000);
    });
    expect(await t.kit.runDue()).toBe(1);
    const event = await cron.event(id);
    expect(event).toMatchObject({ status: 'dead_letter', attempt: 4, error: 'always fails' });
    expect((await cron.deadLetters()).map((e) => e.id)).toContain(id);
    expect(await cron.history({ eventId: id })).toHaveLength(4);
  });

  it('no policy: one failure is final (failed), and nothing is retried', async () => {
    const id = await cron.trigger('once', { fail: true });
    expect(await t.kit.runDue()).toBe(1);
    expect(await cron.event(id)).toMatchObject({ status: 'failed', attempt: 1, error: 'refused' });
    expect(await t.kit.advance({ hours: 1 })).toBe(0);
    expect(await cron.history({ eventId: id })).toHaveLength(1);
  });

  it('retry(eventId) puts a dead letter back with fresh attempts', async () => {
    jobs.failuresLeft.set('flaky', 2);
    const id = await cron.trigger('flaky');
    await t.kit.runDue();
    await t.kit.advance({ seconds: 1 });
    expect((await cron.event(id)).status).toBe('dead_letter');
    const retried = await cron.retry(id);
    expect(retried).toMatchObject({ status: 'pending', attempt: 0 });
    expect(await t.kit.runDue()).toBe(1);
    expect(await cron.event(id)).toMatchObject({ status: 'succeeded', attempt: 1 });
    const latest = (await cron.history({ eventId: id }))[0];
    expect(latest).toMatchObject({ status: 'succeeded', result: 'recovered' });
  });

  it('retry refuses unknown events and events that did not fail', async () => {
    await expect(cron.retry(999_999)).rejects.toThrow(EventStateError);
    const id = await cron.trigger('once');
    await t.kit.runDue();
    await expect(cron.retry(id)).rejects.toThrow(/succeeded; only failed or dead_letter/);
    expect((await cron.event(id)).status).toBe('succeeded');
  });
});
