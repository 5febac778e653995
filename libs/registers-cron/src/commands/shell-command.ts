import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export interface ShellCommandResult {
  /** The exit code; 128 + signal number when a signal ended it (as a shell reports it). */
  exitCode: number;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `command` through the system shell in the current directory (stdin closed), capturing
 * its output; with `echo`, each chunk is also copied to this process's stdout/stderr as it arrives.
 * Rejects only when the shell cannot be started.
 */
export function runShellCommand(
  command: string,
  options: { env: NodeJS.ProcessEnv; echo: boolean },
): Promise<ShellCommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        exitCode: code ?? 128 + (signal ? constants.signals[signal] : 0),
        signal,
        stdout,
        stderr,
      }),
    );
  });
}
