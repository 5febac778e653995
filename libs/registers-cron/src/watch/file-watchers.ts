import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Logger } from '@nestjs/common';
import type * as Chokidar from 'chokidar';
import { JobPausedError } from '../common/errors';
import { messages } from '../common/messages';
import type { JobDefinition } from '../interfaces/job-definition.interface';
import type { FileChangeTrigger } from '../interfaces/trigger.interface';
import type { CronEngine } from '../runtime/cron-engine';

export type FileChangeKind = 'add' | 'change' | 'unlink';

/** The payload of a file-change event: the changed paths (relative to the job's cwd, `/`-separated) and what happened. */
export interface FileChangePayload {
  paths: string[];
  events: FileChangeKind[];
}

type FileJob = JobDefinition & { trigger: FileChangeTrigger };

/** Never watched, whatever the globs say. */
const ALWAYS_IGNORED = new Set(['node_modules', '.git']);

/**
 * Continuous changes postpone a job's event by `debounceMs` each time, but never for longer
 * than this many debounce periods after the first pending change.
 */
const MAX_WAIT_PERIODS = 10;

// chokidar and picomatch are required on first use, not imported: a console printing
// `--help`, or an application without file jobs, never loads them.
function loadChokidar(): typeof Chokidar {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('chokidar') as typeof Chokidar;
}

type Picomatch = typeof import('picomatch');

function loadPicomatch(): Picomatch {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('picomatch') as Picomatch;
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * The folders to watch for `globs`: the non-glob base of each (`src` for `src/**\/*.ts`), or
 * its nearest existing ancestor when it does not exist yet, without folders inside another.
 */
export function watchRoots(cwd: string, globs: string[]): string[] {
  const picomatch = loadPicomatch();
  const roots = new Set<string>();
  for (const glob of globs) {
    const scan = picomatch.scan(glob);
    if (scan.negated) continue;
    let base = resolve(cwd, scan.isGlob ? scan.base : dirname(scan.base));
    while (!existsSync(base) && dirname(base) !== base) base = dirname(base);
    roots.add(base);
  }
  const sorted = [...roots].sort((a, b) => a.length - b.length);
  return sorted.filter(
    (root, i) =>
      !sorted.slice(0, i).some((outer) => {
        const rel = relative(outer, root);
        return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
      }),
  );
}

/** One job's watcher and the changes waiting for its debounce to end. */
class JobWatch {
  private readonly logger = new Logger('RegistersCron');
  private readonly cwd: string;
  private readonly matches: (path: string) => boolean;
  private readonly ignores: (path: string) => boolean;
  private watcher?: Chokidar.FSWatcher;
  private pendingPaths = new Set<string>();
  private pendingKinds = new Set<FileChangeKind>();
  private firstPendingAt = 0;
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly engine: CronEngine,
    readonly job: FileJob,
  ) {
    const picomatch = loadPicomatch();
    const trigger = job.trigger;
    this.cwd = resolve(trigger.cwd ?? process.cwd());
    const positive = trigger.globs.filter((g) => !g.startsWith('!'));
    const negative = trigger.globs.filter((g) => g.startsWith('!')).map((g) => g.slice(1));
    const ignore = [...(trigger.ignore ?? []), ...negative];
    this.matches = picomatch(positive);
    this.ignores = ignore.length > 0 ? picomatch(ignore, { dot: true }) : () => false;
  }

  /** The path relative to the job's cwd, `/`-separated. */
  private relativePath(path: string): string {
    return toPosix(relative(this.cwd, resolve(this.cwd, path)));
  }

  private isIgnored(path: string): boolean {
    const rel = this.relativePath(path);
    if (rel === '') return false;
    if (rel.split('/').some((segment) => ALWAYS_IGNORED.has(segment))) return true;
    return this.ignores(rel);
  }

  async start(): Promise<void> {
    const chokidar = loadChokidar();
    const roots = watchRoots(this.cwd, this.job.trigger.globs);
    const watcher = chokidar.watch(roots, {
      ignoreInitial: true,
      persistent: true,
      ignored: (path: string) => this.isIgnored(path),
    });
    this.watcher = watcher;
    for (const kind of ['add', 'change', 'unlink'] as const) {
      watcher.on(kind, (path: string) => this.onChange(kind, path));
    }
    watcher.on('error', (error: unknown) =>
      this.logger.error(messages.watcherFailed(this.job.name, (error as Error)?.message ?? error)),
    );
    await new Promise<void>((done) => watcher.once('ready', () => done()));
  }

  private onChange(kind: FileChangeKind, path: string): void {
    if (!this.watcher) return;
    const rel = this.relativePath(path);
    if (this.isIgnored(path) || !this.matches(rel)) return;
    const now = Date.now();
    if (this.pendingPaths.size === 0) this.firstPendingAt = now;
    this.pendingPaths.add(rel);
    this.pendingKinds.add(kind);
    if (this.timer) clearTimeout(this.timer);
    const debounce = this.job.trigger.debounceMs;
    const latest = this.firstPendingAt + debounce * MAX_WAIT_PERIODS;
    this.timer = setTimeout(() => this.flush(), Math.max(0, Math.min(debounce, latest - now)));
  }

  private flush(): void {
    this.timer = undefined;
    if (this.pendingPaths.size === 0) return;
    const payload: FileChangePayload = {
      paths: [...this.pendingPaths].sort(),
      events: [...this.pendingKinds].sort(),
    };
    this.pendingPaths = new Set();
    this.pendingKinds = new Set();
    const sending = this.engine
      .enqueue(this.job.name, payload, { source: 'file' })
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof JobPausedError) {
            this.logger.warn(messages.pausedFileChange(this.job.name, payload.paths.length));
          } else {
            this.logger.error(
              messages.fileChangeNotQueued(this.job.name, (error as Error)?.message ?? error),
            );
          }
        },
      )
      .finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /**
   * Closes the watcher. Changes still waiting for their debounce are dropped (no event is
   * enqueued for them); an enqueue already under way is awaited.
   */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingPaths.clear();
    this.pendingKinds.clear();
    const watcher = this.watcher;
    this.watcher = undefined;
    await watcher?.close();
    await Promise.all([...this.inFlight]);
  }
}

/**
 * Watches the files of the enabled `fileChange` jobs (chokidar 4, picomatch globs relative to
 * each job's `cwd`) and enqueues one event per job and debounce window, with source `file`
 * and payload `{ paths, events }`.
 */
export class FileWatchers {
  private readonly logger = new Logger('RegistersCron');
  private watches: JobWatch[] = [];
  private starting?: Promise<void>;

  constructor(
    private readonly engine: CronEngine,
    private readonly enabled: boolean,
  ) {}

  /** The enabled jobs with a file-change trigger. */
  private fileJobs(): FileJob[] {
    return this.engine.registry
      .all()
      .filter((job): job is FileJob => job.enabled && job.trigger.kind === 'fileChange');
  }

  /** Whether this process has anything to watch (watching on, and an enabled file job). */
  get needed(): boolean {
    return this.enabled && this.fileJobs().length > 0;
  }

  start(): Promise<void> {
    this.starting ??= this.startNow();
    return this.starting;
  }

  private async startNow(): Promise<void> {
    if (!this.enabled) return;
    const jobs = this.fileJobs();
    if (jobs.length === 0) return;
    // With many replicas only the holder of the `file-watch` lease calls start (see
    // CronOrchestrator), so one change is one event.
    for (const job of jobs) {
      const watch = new JobWatch(this.engine, job);
      this.watches.push(watch);
      try {
        await watch.start();
      } catch (error) {
        this.logger.error(messages.cannotWatch(job.name, (error as Error)?.message ?? error));
      }
    }
    this.logger.log(messages.watching(jobs.length));
  }

  /** Closes every watcher; changes still inside their debounce window are dropped. */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    this.starting = undefined;
    const watches = this.watches;
    this.watches = [];
    await Promise.all(watches.map((w) => w.stop()));
  }
}
