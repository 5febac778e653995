import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistersCronModule } from '../../src/cron.module';
import { CronOrchestrator } from '../../src/cron.orchestrator';
import { Job } from '../../src/decorators/job.decorator';
import { Watch } from '../../src/decorators/watch.decorator';
import { FileWatchers } from '../../src/watch/file-watchers';

const dir = mkdtempSync(join(tmpdir(), 'registers-lazy-watch-'));

const loaded = (name: string): boolean =>
  Object.keys(require.cache).some((key) => key.includes(`/node_modules/${name}/`));

@Injectable()
class ManualJobs {
  @Job()
  rebuild(): void {}
}

@Injectable()
class WatchJobs {
  @Watch('src/**/*.ts', { cwd: dir })
  onChange(): void {}
}

async function appWith(provider: new () => object, name: string): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      RegistersCronModule.forRoot({ url: `sqlite:${join(dir, `${name}.db`)}`, autoStart: false }),
    ],
    providers: [provider],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** Test order matters: this file's module registry must not have loaded chokidar before the checks. */
describe('chokidar and picomatch are loaded lazily', () => {
  const apps: INestApplication[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are not loaded by the module, nor by watchers without fileChange jobs', async () => {
    const app = await appWith(ManualJobs, 'manual');
    apps.push(app);
    const watchers = new FileWatchers(app.get(CronOrchestrator).engine, true);
    await watchers.start();
    await watchers.stop();
    expect(loaded('chokidar')).toBe(false);
    expect(loaded('picomatch')).toBe(false);
  });

  it('are not loaded when watching is off, even with fileChange jobs', async () => {
    const app = await appWith(WatchJobs, 'off');
    apps.push(app);
    const watchers = new FileWatchers(app.get(CronOrchestrator).engine, false);
    await watchers.start();
    await watchers.stop();
    expect(loaded('chokidar')).toBe(false);
    expect(loaded('picomatch')).toBe(false);
  });

  it('are loaded once a fileChange job is watched', async () => {
    const app = await appWith(WatchJobs, 'on');
    apps.push(app);
    const watchers = new FileWatchers(app.get(CronOrchestrator).engine, true);
    await watchers.start();
    try {
      expect(loaded('chokidar')).toBe(true);
      expect(loaded('picomatch')).toBe(true);
    } finally {
      await watchers.stop();
    }
  });
});
