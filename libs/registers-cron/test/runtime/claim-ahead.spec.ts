import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describeEachDialect } from '../../../../test/support/dialects';
import { Job, JobPayload } from '../../src/decorators';
import { RegistersCronModule } from '../../src/cron.module';
import { CronService } from '../../src/cron.service';
import type { CronEngine } from '../../src/runtime/cron-engine';

/** Handlers that wait until the test lets them finish. */
@Injectable()
class GatedJobs {
  started: number[] = [];
  private open!: () => void;
  gate = new Promise<void>((resolve) => (this.open = resolve));
  release(): void {
    this.open();
  }
  @Job()
  async gated(@JobPayload() payload: { n: number }) {
    this.started.push(payload.n);
    await this.gate;
  }
}

const until = async (check: () => Promise<boolean>, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/**
 * The worker pool claims events ahead of its free workers. Held events keep their lease
 * while they wait behind a long handler, are never run twice, and go back to the queue
 * (their attempt not counted) when the pool stops.
 */
jest.setTimeout(40_000);

describeEachDialect('cron worker pool claiming ahead', (target) => {
  let app: INestApplicationContext;
  let cron: CronService;
  let jobs: GatedJobs;
  const engine = () => (cron as unknown as { engine: CronEngine }).engine;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersCronModule.forRoot({
          url: target().url,
          autoStart: false,
          watch: false,
          leaseSeconds: 1,
          pollIntervalMs: 100,
        }),
      ],
      providers: [GatedJobs],
    }).compile();
    app = await moduleRef.init();
    cron = app.get(CronService);
    jobs = app.get(GatedJobs);
    await engine().store.ensureReady();
    await engine().store.connection.execute('DELETE FROM registers_cron_runs');
    await engine().store.connection.execute('DELETE FROM registers_cron_events');
  });
  afterEach(async () => {
    jobs?.release();
    await app?.close();
  });

  it('keeps held events leased behind a long handler and runs each once', async () => {
    const ids = await cron.triggerMany('gated', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    await cron.start({ workers: 1, leaseSeconds: 1 });
    await until(async () => jobs.started.length === 1);
    // One running, at least one more claimed and held by this pool.
    await until(async () => (await engine().store.counts()).running >= 2);
    const held = (await engine().store.counts()).running;
    // Three lease lengths pass while the handler blocks the only worker.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(jobs.started).toHaveLength(1);
    expect((await engine().store.counts()).running).toBe(held);
    expect(await cron.history({ job: 'gated' })).toHaveLength(1);
    jobs.release();
    await until(async () => (await engine().store.counts()).succeeded === 3);
    await cron.stop();
    expect(jobs.started.sort()).toEqual([1, 2, 3]);
    const runs = await cron.history({ job: 'gated' });
    expect(runs.map((r) => [r.eventId, r.status, r.attempt]).sort()).toEqual(
      ids.map((id) => [id, 'succeeded', 1]).sort(),
    );
  });

  it('gives held events back when it stops: pending again, attempt not counted', async () => {
    const ids = await cron.triggerMany('gated', [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    await cron.start({ workers: 1 });
    await until(async () => jobs.started.length === 1);
    await until(async () => (await engine().store.counts()).running >= 2);
    // The running handler ends only after the stop began: nothing held may start then.
    const stopping = cron.stop();
    setTimeout(() => jobs.release(), 300);
    await stopping;
    const events = await Promise.all(ids.map((id) => cron.event(id)));
    const ran = events.filter((e) => e.status === 'succeeded');
    const back = events.filter((e) => e.status === 'pending');
    expect(ran).toHaveLength(1);
    expect(back).toHaveLength(3);
    expect(back.every((e) => e.attempt === 0)).toBe(true);
    expect(await cron.history({ job: 'gated' })).toHaveLength(1);
    // Another start runs what was given back, each once.
    await cron.start({ workers: 2 });
    await until(async () => (await engine().store.counts()).succeeded === 4);
    await cron.stop();
    const runs = await cron.history({ job: 'gated' });
    expect(runs.map((r) => r.eventId).sort()).toEqual([...ids].sort());
    expect(runs.every((r) => r.attempt === 1 && r.status === 'succeeded')).toBe(true);
  });
});
