/**
 * Worker processes of the multi-process workloads: `node -r @swc-node/register
 * bench/cron/processes/<entry>.ts`, configured by one JSON environment variable and talking
 * to the bench over IPC. Every child started here is SIGKILLed when the bench exits, and a
 * child exits by itself when its IPC channel closes (the bench died or was interrupted).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { CHILD_READY_TIMEOUT_MS } from './settings';

const REPO_ROOT = join(__dirname, '..', '..');
export const CONFIG_ENV = 'BENCH_CRON_CONFIG';

/** A message from a child: `{ type: 'ready', … }`, `{ type: 'fire', … }`, … */
export interface ChildMessage {
  type: string;
  [key: string]: unknown;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
const handles = new Set<WorkerProcess>();

export class WorkerProcess {
  private readonly listeners = new Set<(message: ChildMessage) => void>();
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    running.add(child);
    child.stdout!.on('data', (chunk) => this.keep(chunk));
    child.stderr!.on('data', (chunk) => this.keep(chunk));
    child.on('message', (message: ChildMessage) => {
      for (const listener of this.listeners) listener(message);
    });
    this.exited = new Promise((done) => child.once('exit', () => done()));
    handles.add(this);
    void this.exited.then(() => {
      running.delete(child);
      handles.delete(this);
    });
  }

  /** Starts `processes/<entry>.ts` and resolves with its `ready` message. */
  static async start(
    name: string,
    entry: string,
    config: object,
  ): Promise<{ worker: WorkerProcess; ready: ChildMessage }> {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'processes', `${entry}.ts`)],
      {
        cwd: REPO_ROOT,
        env: { ...cleanEnv(), [CONFIG_ENV]: JSON.stringify(config), NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      },
    );
    const worker = new WorkerProcess(name, child);
    try {
      const ready = await worker.next('ready', CHILD_READY_TIMEOUT_MS);
      return { worker, ready };
    } catch (error) {
      await worker.stop();
      throw error;
    }
  }

  private keep(chunk: Buffer): void {
    this.output = (this.output + chunk.toString()).slice(-4000);
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  on(listener: (message: ChildMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next message of `type`; rejects with the child's output when it exits first or times out. */
  next(type: string, timeoutMs: number): Promise<ChildMessage> {
    return new Promise((resolve, reject) => {
      const finish = (error?: Error, message?: ChildMessage) => {
        clearTimeout(timer);
        off();
        this.child.off('exit', onExit);
        if (error) reject(error);
        else resolve(message!);
      };
      const off = this.on((m) => m.type === type && finish(undefined, m));
      const onExit = (code: number | null, signal: string | null) =>
        finish(
          new Error(`${this.name} exited (${signal ?? code}) before "${type}":\n${this.output}`),
        );
      this.child.once('exit', onExit);
      const timer = setTimeout(
        () =>
          finish(new Error(`${this.name}: no "${type}" within ${timeoutMs} ms:\n${this.output}`)),
        timeoutMs,
      );
    });
  }

  /** SIGTERM (the child closes its app gracefully), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The bench's environment without what would point a child elsewhere. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  delete env.REGISTERS_DATABASE_URL;
  delete env.DATABASE_URL;
  return env;
}

/** Starts `count` children of one entry at once; stops the ones that started when one fails. */
export async function startWorkers(
  name: string,
  entry: string,
  config: object,
  count: number,
): Promise<{ workers: WorkerProcess[]; ready: ChildMessage[] }> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      WorkerProcess.start(`${name} #${i + 1}`, entry, config),
    ),
  );
  const failed = started.find((s) => s.status === 'rejected');
  const ok = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed) {
    await Promise.all(ok.map((s) => s.worker.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return { workers: ok.map((s) => s.worker), ready: ok.map((s) => s.ready) };
}

export async function stopWorkers(workers: WorkerProcess[]): Promise<void> {
  await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
}

/** Stops every worker process still running (the area's last step, also after an error). */
export async function stopAllWorkers(): Promise<void> {
  await stopWorkers([...handles]);
}
