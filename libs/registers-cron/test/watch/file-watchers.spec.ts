import { Injectable, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistersCronModule } from '../../src/cron.module';
import { CronOrchestrator } from '../../src/cron.orchestrator';
import { CronService } from '../../src/cron.service';
import { Watch } from '../../src/decorators/watch.decorator';
import type { EventRecord } from '../../src/interfaces/records.interface';
import { FileWatchers, watchRoots, type FileChangePayload } from '../../src/watch/file-watchers';

const DEBOUNCE_MS = 200;
const root = realpathSync(mkdtempSync(join(tmpdir(), 'registers-watch-')));
const project = join(root, 'project');
const later = join(root, 'later');

@Injectable()
class SourceJobs {
  @Watch('src/**/*.ts', { debounceMs: DEBOUNCE_MS, cwd: project, ignore: ['src/generated/**'] })
  onSourceChange(): void {}

  /** Its base folder does not exist when watching starts. */
  @Watch('pkg/**/*.json', { debounceMs: DEBOUNCE_MS, cwd: later })
  onPackageChange(): void {}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done` holds, up to `timeoutMs`; returns the last value either way. */
async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(25);
    value = await read();
  }
  return value;
}

function write(base: string, rel: string, text = `// ${rel} ${Date.now()}\n`): void {
  const path = join(base, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

describe('FileWatchers', () => {
  let app: INestApplication;
  let cron: CronService;
  let watchers: FileWatchers | undefined;

  const events = async (job: string): Promise<EventRecord[]> =>
    (await cron.events({ job, limit: 100 })).sort((a, b) => a.id - b.id);
  /** Waits for the job's event number `count`, then for two more debounce periods. */
  const settle = async (job: string, count: number): Promise<EventRecord[]> => {
    await waitFor(
      () => events(job),
      (list) => list.length >= count,
    );
    await sleep(2 * DEBOUNCE_MS);
    return events(job);
  };

  beforeAll(async () => {
    mkdirSync(join(project, 'src', 'sub'), { recursive: true });
    mkdirSync(join(project, 'src', 'generated'), { recursive: true });
    mkdirSync(join(project, 'node_modules', 'src'), { recursive: true });
    mkdirSync(later, { recursive: true });
    const moduleRef = await Test.createTestingModule({
      imports: [
        RegistersCronModule.forRoot({ url: `sqlite:${join(root, 'cron.db')}`, autoStart: false }),
      ],
      providers: [SourceJobs],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    cron = app.get(CronService);
  });

  afterEach(async () => {
    await watchers?.stop();
    watchers = undefined;
  });

  afterAll(async () => {
    await app?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('derives the watched folders from the globs', () => {
    expect(watchRoots(project, ['src/**/*.ts', 'src/sub/*.ts', '!src/x/**'])).toEqual([
      join(project, 'src'),
    ]);
    expect(watchRoots(project, ['*.md'])).toEqual([project]);
    expect(watchRoots(project, ['missing/deep/**/*.ts'])).toEqual([project]);
  });

  it('enqueues one event per debounce window, ignoring non-matching and ignored files', async () => {
    watchers = new FileWatchers(app.get(CronOrchestrator).engine, true);
    await watchers.start();

    write(project, 'src/a.ts');
    write(project, 'src/b.ts');
    write(project, 'src/sub/c.ts');
    let list = await settle('on-source-change', 1);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ job: 'on-source-change', source: 'file', status: 'pending' });
    const first = list[0].payload as FileChangePayload;
    expect(first.paths).toEqual(['src/a.ts', 'src/b.ts', 'src/sub/c.ts']);
    expect(first.events).toContain('add');

    // Non-matching, ignored and node_modules files first, then one matching file: the next
    // event names only the matching one.
    write(project, 'README.md');
    write(project, 'src/x.js');
    write(project, 'src/generated/g.ts');
    write(project, 'node_modules/src/n.ts');
    write(project, 'src/d.ts');
    list = await settle('on-source-change', 2);
    expect(list).toHaveLength(2);
    expect(list[1].payload).toEqual({ paths: ['src/d.ts'], events: ['add'] });

    // Changes and deletions.
    write(project, 'src/a.ts', 'export const a = 2;\n');
    unlinkSync(join(project, 'src/b.ts'));
    list = await settle('on-source-change', 3);
    expect(list).toHaveLength(3);
    expect(list[2].payload).toEqual({
      paths: ['src/a.ts', 'src/b.ts'],
      events: ['change', 'unlink'],
    });

    // Only non-matching changes: nothing at all.
    write(project, 'notes.txt');
    write(project, 'src/generated/h.ts');
    await sleep(3 * DEBOUNCE_MS);
    expect(await events('on-source-change')).toHaveLength(3);
  });

  it('watches a base folder created after start', async () => {
    watchers = new FileWatchers(app.get(CronOrchestrator).engine, true);
    await watchers.start();
    write(later, 'pkg/deep/package.json', '{}');
    write(later, 'pkg/readme.txt');
    const list = await settle('on-package-change', 1);
    expect(list).toHaveLength(1);
    expect((list[0].payload as FileChangePayload).paths).toEqual(['pkg/deep/package.json']);
  });

  it('stop() drops changes still inside the debounce window and watches nothing more', async () => {
    const before = (await events('on-source-change')).length;
    watchers = new FileWatchers(app.get(CronOrchestrator).engine, true);
    await watchers.start();
    write(project, 'src/pending.ts');
    // wait until chokidar saw it (the debounce timer is then pending), then stop
    await sleep(DEBOUNCE_MS / 2);
    await watchers.stop();
    write(project, 'src/after-stop.ts');
    await sleep(3 * DEBOUNCE_MS);
    expect(await events('on-source-change')).toHaveLength(before);
  });

  it('watches nothing when disabled', async () => {
    const before = (await events('on-source-change')).length;
    watchers = new FileWatchers(app.get(CronOrchestrator).engine, false);
    await watchers.start();
    write(project, 'src/disabled.ts');
    await sleep(3 * DEBOUNCE_MS);
    expect(await events('on-source-change')).toHaveLength(before);
  });

  it('runs inside the orchestrator (watch on by default) and stops with it', async () => {
    const before = (await events('on-source-change')).length;
    await cron.start({ workers: 1 });
    try {
      write(project, 'src/orchestrated.ts');
      const list = await waitFor(
        () => events('on-source-change'),
        (l) => l.length > before,
      );
      expect(list).toHaveLength(before + 1);
      expect((list[before].payload as FileChangePayload).paths).toEqual(['src/orchestrated.ts']);
    } finally {
      await cron.stop();
    }
  });
});
