/**
 * A real terminal for the TTY tests: a private tmux server (its own socket) running the
 * console in a detached pane, driven with send-keys and read with capture-pane.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_MAIN, consoleEnv } from './run-console';

export function tmuxAvailable(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

export class TmuxTerminal {
  private readonly socket = `registers-e2e-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private readonly session = 'console';

  constructor(private readonly cwd: string) {}

  /**
   * Starts `node main.js <args>` in a new pane. When the console exits the pane prints
   * `[exit <code>]` and stays open so the test can read it.
   */
  start(args: string[], databaseUrl?: string): void {
    const env = consoleEnv(databaseUrl, { TERM: 'xterm-256color', HOME: this.cwd });
    const script = join(this.cwd, `run-${Date.now()}.sh`);
    const exports = Object.entries(env)
      .filter(([key, value]) => value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
      .map(([key, value]) => `export ${key}=${shellQuote(value!)}`)
      .join('\n');
    writeFileSync(
      script,
      `${exports}\ncd ${shellQuote(this.cwd)}\n${[process.execPath, CONSOLE_MAIN, ...args].map(shellQuote).join(' ')}\n` +
        `echo "[exit $?]"\nsleep 600\n`,
    );
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.session,
      '-x',
      '160',
      '-y',
      '50',
      `sh ${shellQuote(script)}`,
    );
  }

  /** Types text literally (no key names), then optionally presses keys such as Tab or Enter. */
  type(text: string, ...keys: string[]): void {
    if (text) this.tmux('send-keys', '-t', this.session, '-l', text);
    if (keys.length) this.tmux('send-keys', '-t', this.session, ...keys);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', this.session, '-S', '-200');
  }

  /** Polls the screen until `pattern` shows up; throws with the screen if it never does. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      last = this.screen();
      if (pattern.test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${pattern} on the terminal; screen was:\n${last}`);
  }

  stop(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
}
