import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describeEachDialect } from '../../../../test/support/dialects';
import { RegistersCronModule } from '../../src/cron.module';
import { CronService } from '../../src/cron.service';
import { Job } from '../../src/decorators';
import type { RegistersCronModuleOptions } from '../../src/interfaces';

@Injectable()
class WakeJobs {
  @Job()
  work() {
    return 'worked';
  }
}

async function app(
  url: string,
  options: RegistersCronModuleOptions,
): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [RegistersCronModule.forRoot({ url, ...options })],
    providers: [WakeJobs],
  }).compile();
  return moduleRef.init();
}

async function succeededWithin(cron: CronService, id: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await cron.event(id)).status === 'succeeded') return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

/** Poll interval long enough that only a wake-up can explain a quick run. */
const ONE_MINUTE = 60_000;

describeEachDialect('cron wake-ups', (target) => {
  it('an event enqueued in this process wakes its idle workers at once', async () => {
    const worker = await app(target().url, { pollIntervalMs: ONE_MINUTE, instanceId: 'local' });
    try {
      await new Promise((r) => setTimeout(r, 100)); // the workers are idle, waiting out the poll
      const cron = worker.get(CronService);
      const id = await cron.trigger('work');
      expect(await succeededWithin(cron, id, 5_000)).toBe(true);
    } finally {
      await worker.close();
    }
  });

  it('an event enqueued by another process reaches an idle worker (NOTIFY on PostgreSQL, polling elsewhere)', async () => {
    const pollIntervalMs = target().dialect === 'postgres' ? ONE_MINUTE : 200;
    const worker = await app(target().url, { pollIntervalMs, instanceId: 'worker' });
    const producer = await app(target().url, { autoStart: false, instanceId: 'producer' });
    try {
      await new Promise((r) => setTimeout(r, 100));
      const id = await producer.get(CronService).trigger('work');
      expect(await succeededWithin(producer.get(CronService), id, 5_000)).toBe(true);
      const [run] = await producer.get(CronService).history({ eventId: id });
      expect(run.instance).toBe('worker');
    } finally {
      await producer.close();
      await worker.close();
    }
  });
});
