/**
 * Runs the built console (`dist/apps/sample-console/main.js`) as a child process, the way an
 * operator would, and captures what it prints. `npm test` builds it first; on its own run
 * `npx nest build sample-console`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const CONSOLE_MAIN = resolve(__dirname, '../../../../dist/apps/sample-console/main.js');

export interface ConsoleResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface RunOptions {
  /** Working directory (the default SQLite file lives under `<cwd>/data/`). */
  cwd: string;
  /** REGISTERS_DATABASE_URL for the child; absent means the default SQLite file. */
  databaseUrl?: string;
  /** Written to stdin, which is then closed. Without it stdin is closed at once. */
  input?: string;
  env?: Record<string, string>;
}

export function assertConsoleBuilt(): void {
  if (!existsSync(CONSOLE_MAIN)) {
    throw new Error(
      `${CONSOLE_MAIN} is missing: build it with \`npx nest build sample-console\` (npm test does).`,
    );
  }
}

/** The child's environment: ours without database or color settings that would leak in. */
export function consoleEnv(
  databaseUrl?: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.REGISTERS_DATABASE_URL;
  delete env.FORCE_COLOR;
  if (databaseUrl) env.REGISTERS_DATABASE_URL = databaseUrl;
  return env;
}

export function runConsole(args: string[], options: RunOptions): Promise<ConsoleResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CONSOLE_MAIN, ...args], {
      cwd: options.cwd,
      env: consoleEnv(options.databaseUrl, options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ stdout, stderr, code });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh empty directory to run the console in, removed by the returned function. */
export function makeTempDir(prefix = 'sample-console-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file below `dir`, as paths relative to it. */
export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out;
}

export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/**
 * The first JSON document printed in `text` (which may hold other lines before and after,
 * as a shell session does), parsed. Throws when there is none.
 */
export function firstJson<T = unknown>(text: string): T {
  const all = text.split('\n');
  for (let start = 0; start < all.length; start++) {
    if (!/^\s*[[{]/.test(all[start])) continue;
    for (let end = start + 1; end <= all.length; end++) {
      try {
        return JSON.parse(all.slice(start, end).join('\n')) as T;
      } catch {
        // not complete yet
      }
    }
  }
  throw new Error(`no JSON document in:\n${text}`);
}
