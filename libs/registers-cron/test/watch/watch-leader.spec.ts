import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDialect } from '../../../../test/support/dialects';
import { RegistersCronModule } from '../../src/cron.module';
import { CronOrchestrator } from '../../src/cron.orchestrator';
import { CronService } from '../../src/cron.service';
import { Watch } from '../../src/decorators';

jest.setTimeout(30_000);

const DEBOUNCE_MS = 150;

async function until(check: () => Promise<boolean> | boolean, ms = 8_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describeEachDialect('cron file watching on several instances', (target) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cron-watch-leader-'));
    mkdirSync(join(dir, 'src'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function instance(id: string): Promise<INestApplicationContext> {
    @Injectable()
    class Watcher {
      @Watch('src/**/*.txt', { debounceMs: DEBOUNCE_MS, cwd: dir, name: 'on-change' })
      onChange() {
        return id;
      }
    }
    return Test.createTestingModule({
      imports: [
        RegistersCronModule.forRoot({
          url: target().url,
          instanceId: id,
          leaseSeconds: 5,
          pollIntervalMs: 100,
        }),
      ],
      providers: [Watcher],
    })
      .compile()
      .then((m) => m.init());
  }

  it('only the holder of the watch lease watches; one change is one event; another takes over when it stops', async () => {
    const a = await instance('a');
    const b = await instance('b');
    try {
      await checkLeadership(a, b);
    } finally {
      await Promise.all([a.close(), b.close()]); // closing twice is harmless
    }
  });

  async function checkLeadership(a: INestApplicationContext, b: INestApplicationContext) {
    const leaders = () => [a, b].filter((app) => app.get(CronOrchestrator).isWatchLeader).length;
    expect(leaders()).toBe(1);
    const cron = a.get(CronService);
    const events = async () => (await cron.events({ job: 'on-change', limit: 100 })).length;

    writeFileSync(join(dir, 'src', 'one.txt'), '1');
    expect(await until(async () => (await events()) >= 1)).toBe(true);
    await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 4));
    expect(await events()).toBe(1);

    const [leader, follower] = a.get(CronOrchestrator).isWatchLeader ? [a, b] : [b, a];
    await leader.close();
    expect(await until(() => follower.get(CronOrchestrator).isWatchLeader)).toBe(true);
    const followerCron = follower.get(CronService);
    writeFileSync(join(dir, 'src', 'two.txt'), '2');
    expect(
      await until(async () => (await followerCron.events({ job: 'on-change' })).length >= 2),
    ).toBe(true);
    const latest = (await followerCron.events({ job: 'on-change' }))[0];
    expect(latest.payload).toEqual({ paths: ['src/two.txt'], events: ['add'] });
  }
});
