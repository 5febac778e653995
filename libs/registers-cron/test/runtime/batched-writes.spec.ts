import { Injectable } from '@nestjs/common';
import { describeEachDialect } from '../../../../test/support/dialects';
import { Job, JobPayload } from '../../src/decorators';
import { CronService } from '../../src/cron.service';
import { InvalidPayloadError, JobPausedError } from '../../src/common/errors';
import type { CronEngine } from '../../src/runtime/cron-engine';
import { cronTestApp, type CronTestApp } from '../support/cron-test-app';

@Injectable()
class BatchJobs {
  seen: number[] = [];
  @Job()
  collect(@JobPayload() payload: { n: number }) {
    this.seen.push(payload.n);
    return payload.n * 2;
  }
}

/**
 * triggerMany enqueues in one commit; run starts and successful completions of workers
 * that finish together share one statement or transaction. Each event still gets exactly
 * one run, and a completion whose claim was lost does not apply while the others do.
 */
describeEachDialect('cron batched writes', (target) => {
  let t: CronTestApp;
  let cron: CronService;
  const engine = () => (cron as unknown as { engine: CronEngine }).engine;

  beforeAll(async () => {
    t = await cronTestApp(target().url, [BatchJobs]);
    cron = t.app.get(CronService);
  });
  afterAll(() => t?.close());
  beforeEach(async () => {
    await engine().store.connection.execute('DELETE FROM registers_cron_runs');
    await engine().store.connection.execute('DELETE FROM registers_cron_events');
    t.app.get(BatchJobs).seen = [];
  });

  it('triggerMany enqueues every payload, ids in payload order, and each runs once', async () => {
    const payloads = Array.from({ length: 120 }, (_, n) => ({ n }));
    const ids = await cron.triggerMany('collect', payloads);
    expect(ids).toHaveLength(120);
    expect(new Set(ids).size).toBe(120);
    for (let i = 0; i < ids.length; i++)
      expect((await cron.event(ids[i])).payload).toEqual({ n: i });
    expect(await cron.triggerMany('collect', [])).toEqual([]);
    expect(await t.kit.runDue()).toBe(120);
    expect(t.app.get(BatchJobs).seen.sort((a, b) => a - b)).toEqual(payloads.map((p) => p.n));
    const runs = await cron.history({ job: 'collect', limit: 500 });
    expect(runs).toHaveLength(120);
    for (const run of runs)
      expect(run).toMatchObject({ status: 'succeeded', result: 2 * ids.indexOf(run.eventId) });
    expect(new Set(runs.map((r) => r.eventId))).toEqual(new Set(ids));
  });

  it('triggerMany refuses a paused job or a payload JSON cannot carry, and stores nothing', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(cron.triggerMany('collect', [{ n: 1 }, circular])).rejects.toBeInstanceOf(
      InvalidPayloadError,
    );
    await cron.pause('collect');
    try {
      await expect(cron.triggerMany('collect', [{ n: 1 }])).rejects.toBeInstanceOf(JobPausedError);
    } finally {
      await cron.resume('collect');
    }
    expect(await cron.events({ job: 'collect' })).toEqual([]);
  });

  it('4 workers finishing together record one succeeded run per event', async () => {
    const ids = await cron.triggerMany(
      'collect',
      Array.from({ length: 60 }, (_, n) => ({ n })),
    );
    await cron.start({ workers: 4 });
    try {
      const deadline = Date.now() + 20_000;
      while ((await engine().store.counts()).succeeded < 60 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await cron.stop();
    }
    const counts = await engine().store.counts();
    expect(counts).toMatchObject({ succeeded: 60, pending: 0, running: 0 });
    const runs = await cron.history({ job: 'collect', limit: 500 });
    expect(runs).toHaveLength(60);
    expect(runs.every((r) => r.status === 'succeeded' && r.finishedAt !== null)).toBe(true);
    expect(new Set(runs.map((r) => r.eventId))).toEqual(new Set(ids));
  });

  it('a completion whose claim was lost does not apply; the others of its batch do', async () => {
    const ids = await cron.triggerMany('collect', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    const claimed = await engine().claim(3);
    expect(claimed.map((e) => e.id).sort((a, b) => a - b)).toEqual(ids);
    const store = engine().store;
    const runIds = await Promise.all(claimed.map((e) => store.startRun(e, 'test', 1000)));
    expect(new Set(runIds).size).toBe(3);
    const applied = await Promise.all(
      claimed.map((e, i) =>
        store.completeSucceeded({
          eventId: e.id,
          token: i === 1 ? 'someone-else' : e.leaseToken!,
          runId: runIds[i],
          finishedAt: 2000,
          durationMs: 1000,
          result: '"ok"',
        }),
      ),
    );
    expect(applied).toEqual([true, false, true]);
    const statuses = await Promise.all(claimed.map(async (e) => (await store.event(e.id))!.status));
    expect(statuses).toEqual(['succeeded', 'running', 'succeeded']);
    const runs = await Promise.all(runIds.map(async (id) => (await store.run(id))!));
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'running', 'succeeded']);
    expect(runs.map((r) => r.eventId)).toEqual(claimed.map((e) => e.id));
    expect(runs[0]).toMatchObject({ durationMs: 1000, result: 'ok' });
  });

  it('an attempt that ends before its run row is written writes the row once, already ended', async () => {
    const ids = await cron.triggerMany('collect', [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    const claimed = (await engine().claim(4)).sort((a, b) => a.id - b.id);
    expect(claimed.map((e) => e.id)).toEqual(ids);
    const store = engine().store;
    const statements: string[] = [];
    const stop = store.connection.onStatement((sql) => statements.push(sql));
    const starts = claimed.map((e) => store.beginRun(e, 'test', 1000));
    const end = (i: number, token: string) => ({
      eventId: claimed[i].id,
      token,
      finishedAt: 1500 + i,
      durationMs: 500 + i,
      result: `${i}`,
    });
    // Three end in the same turn (their rows are still queued), the third with a token
    // that lost its claim; the fourth ends after its row was written.
    const quick = [0, 1, 2].map((i) =>
      store.finishRun(starts[i], end(i, i === 2 ? 'someone-else' : claimed[i].leaseToken!)),
    );
    const results = await Promise.all(quick);
    const lateId = await starts[3].id;
    const late = await store.finishRun(starts[3], end(3, claimed[3].leaseToken!));
    stop();
    expect(results.map((r) => r.applied)).toEqual([true, true, false]);
    expect(late).toEqual({ runId: lateId, applied: true });
    expect(results.map((r) => r.runId)).toEqual(
      await Promise.all(starts.slice(0, 3).map((s) => s.id)),
    );
    const runs = await Promise.all(
      [...results, late].map(async (r) => (await store.run(r.runId))!),
    );
    expect(runs.map((r) => [r.eventId, r.status, r.finishedAt !== null])).toEqual([
      [ids[0], 'succeeded', true],
      [ids[1], 'succeeded', true],
      [ids[2], 'running', false],
      [ids[3], 'succeeded', true],
    ]);
    expect(runs[1]).toMatchObject({ durationMs: 501, result: 1 });
    const statuses = await Promise.all(ids.map(async (id) => (await store.event(id))!.status));
    expect(statuses).toEqual(['succeeded', 'succeeded', 'running', 'succeeded']);
    expect(await cron.history({ job: 'collect', limit: 50 })).toHaveLength(4);
    // PostgreSQL writes the four rows (three of them ended) in one statement, then the late end.
    if (target().dialect === 'postgres') expect(statements).toHaveLength(2);
  });
});
