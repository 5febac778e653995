import { spawn } from 'node:child_process';

export interface ProgramResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs `program args…` without a shell (the program is looked up on `env.PATH`), feeding
 * `input` on stdin. Resolves with the exit status and output; rejects only when it cannot start.
 */
export function runProgram(
  program: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: Buffer; cwd?: string } = {},
): Promise<ProgramResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }),
    );
    // A program that exits without reading stdin makes the write fail with EPIPE; its exit status tells.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });
}

/** `program a b` for messages, with arguments that need it quoted. */
export function describeCommand(program: string, args: string[]): string {
  return [program, ...args]
    .map((w) => (/^[\w@%+=:,./\\-]+$/.test(w) ? w : JSON.stringify(w)))
    .join(' ');
}
