/**
 * Helpers of the `cron …` e2e tests: one-shot commands on a suite's database, polling for
 * what a worker in another process does, and a long-running `cron start` process.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CONSOLE_MAIN, ConsoleResult, consoleEnv, runConsole } from './run-console';

export interface CronConsole {
  run(...args: string[]): Promise<ConsoleResult>;
  /** Runs with `--output json`, expects exit 0 and a quiet stderr, parses stdout. */
  json<T = any>(...args: string[]): Promise<T>;
}

export function cronConsole(
  cwd: string,
  url: () => string,
  env: () => Record<string, string> = () => ({}),
): CronConsole {
  const run = (...args: string[]) => runConsole(args, { cwd, databaseUrl: url(), env: env() });
  const json = async <T>(...args: string[]): Promise<T> => {
    const result = await run(...args, '--output', 'json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as T;
  };
  return { run, json };
}

/** Calls `probe` every `intervalMs` until it returns something other than undefined. */
export async function poll<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 15_000,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A console process that keeps running (`cron start`), with its output so far. */
export class BackgroundConsole {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(
    args: string[],
    options: { cwd: string; databaseUrl: string; env?: Record<string, string> },
  ) {
    this.child = spawn(process.execPath, [CONSOLE_MAIN, ...args], {
      cwd: options.cwd,
      env: consoleEnv(options.databaseUrl, options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    this.child.stdin.end();
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The first match of `pattern` in stdout, once it is printed. */
  waitFor(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
    return poll(
      async () => {
        if (!this.running && !pattern.test(this.stdout)) {
          throw new Error(
            `the console exited before printing ${pattern}:\n${this.stdout}\n${this.stderr}`,
          );
        }
        return this.stdout.match(pattern) ?? undefined;
      },
      `${pattern} on stdout`,
      timeoutMs,
      50,
    );
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Kills the process if it is still running (test clean-up). */
  async kill(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }
}
