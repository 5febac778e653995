import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { INestApplicationContext, Type } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { CliRunner } from '../../src';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
export const FIXTURES = path.resolve(__dirname, '../fixtures');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessRunOptions {
  stdin?: string;
  /** Pretend stdin and stderr are a terminal. */
  tty?: boolean;
  /** Pretend stdout is a terminal. */
  stdoutTty?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * Builds the app once through nest-commander's CommandFactory (so the `Commander` program and
 * classic commands exist) and runs command lines in-process against captured streams.
 */
export async function startInProcess(rootModule: Type<unknown>) {
  const app: INestApplicationContext = await CommandFactory.createWithoutRunning(rootModule, {
    logger: false,
  });
  const runner = app.get(CliRunner, { strict: false });
  const run = async (argv: string[], options: InProcessRunOptions = {}): Promise<RunResult> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runner.run(argv, {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
      stdinIsTTY: options.tty ?? false,
      stdoutIsTTY: options.stdoutTty ?? false,
      stderrIsTTY: options.tty ?? false,
      env: options.env ?? {},
    });
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
  return { app, runner, run };
}

/**
 * Runs a fixture entrypoint in a real Node process. TypeScript is loaded with
 * `node -r @swc-node/register` (no build step, decorator metadata on, ~0.7 s a start).
 */
export function runFixture(
  entry: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): RunResult {
  const result = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', path.join(FIXTURES, entry), ...args],
    {
      cwd: REPO_ROOT,
      input: options.input ?? '',
      encoding: 'utf8',
      env: { ...process.env, ...options.env },
      timeout: 30_000,
    },
  );
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a fixture process without waiting (for signals). */
export function spawnFixture(entry: string, args: string[]) {
  return spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(FIXTURES, entry), ...args],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}
