import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, REPO_ROOT } from './support/cli-harness';

/**
 * Real terminal tests: the fixture console runs inside a detached tmux session (a true TTY),
 * keys are sent with `tmux send-keys` and the screen is read with `capture-pane`.
 * tmux is a Debian package (`apt-get install -y tmux`); without it these tests fail under
 * CI=true and are skipped elsewhere.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
if (!hasTmux && process.env.CI === 'true')
  throw new Error('tmux is required for the TTY tests (apt-get install -y tmux)');
const describeTty = hasTmux ? describe : describe.skip;

jest.setTimeout(60_000);

class TmuxSession {
  private readonly socket = `registers-cli-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(command: string) {
    this.tmux(['new-session', '-d', '-s', 'main', '-x', '200', '-y', '50', command]);
  }

  send(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 'main', ...keys]);
  }

  /** Types literal text (no key-name interpretation). */
  type(text: string): void {
    this.tmux(['send-keys', '-t', 'main', '-l', text]);
  }

  /** The pane's text; tmux trims trailing spaces of each line. */
  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', 'main', '-S', '-100']);
  }

  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen();
      if (pattern.test(text)) return text;
      if (Date.now() > deadline)
        throw new Error(`Timed out waiting for ${pattern}; screen:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Appends every byte the program writes to the terminal to `file`. */
  record(file: string): void {
    this.tmux(['pipe-pane', '-t', 'main', '-o', `cat >> '${file}'`]);
  }

  close(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }
}

function consoleCommand(args: string, env: Record<string, string> = {}): string {
  const vars = Object.entries(env)
    .map(([k, v]) => `${k}='${v}'`)
    .join(' ');
  const main = path.join(FIXTURES, 'main.ts');
  return `cd '${REPO_ROOT}' && ${vars} node -r @swc-node/register '${main}' ${args}; echo "EXIT=$?"; sleep 60`;
}

describeTty('the fixture console on a real terminal (tmux)', () => {
  let dir: string;
  let session: TmuxSession | undefined;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-tty-'))));
  afterEach(() => {
    session?.close();
    session = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts the shell with no arguments, completes groups, commands and choices with Tab, and exits 0', async () => {
    const history = path.join(dir, 'history');
    session = new TmuxSession(consoleCommand('', { FIXTURE_HISTORY_FILE: history }));
    await session.waitFor(/todo>\s*$/m);
    expect(session.screen()).toContain('Todo Console v1.2.3');
    session.type('dep');
    session.send('Tab');
    await session.waitFor(/todo> deploy\s*$/m);
    session.type('se');
    session.send('Tab');
    await session.waitFor(/todo> deploy service\s*$/m);
    session.type('w');
    session.send('Tab');
    await session.waitFor(/todo> deploy service worker\s*$/m);
    session.send('Enter');
    await session.waitFor(/Deploying worker:latest to prod\/us-east-1/);
    session.type('exit');
    session.send('Enter');
    await session.waitFor(/EXIT=0/);
    expect(fs.readFileSync(history, 'utf8')).toBe('deploy service worker \nexit\n');
    expect(fs.statSync(history).mode & 0o777).toBe(0o600);
  });

  it('lists candidates on a double Tab when several match', async () => {
    session = new TmuxSession(
      consoleCommand('--interactive', { FIXTURE_HISTORY_FILE: path.join(dir, 'h') }),
    );
    await session.waitFor(/todo>\s*$/m);
    session.type('list ');
    session.send('Tab');
    session.send('Tab');
    await session.waitFor(/all\s+completed\s+pending/);
  });

  it('recalls persisted history with the Up arrow in a new session', async () => {
    const history = path.join(dir, 'history');
    fs.writeFileSync(history, 'add "from history"\n');
    session = new TmuxSession(consoleCommand('--interactive', { FIXTURE_HISTORY_FILE: history }));
    await session.waitFor(/todo>\s*$/m);
    session.send('Up');
    await session.waitFor(/todo> add "from history"$/m);
    session.send('Enter');
    await session.waitFor(/Added: from history \(ID: 1\)/);
  });

  it('asks the confirm question in the shell and runs on "y"', async () => {
    session = new TmuxSession(
      consoleCommand('--interactive --env staging', { FIXTURE_HISTORY_FILE: path.join(dir, 'h') }),
    );
    await session.waitFor(/todo>\s*$/m);
    session.type('deploy rollback api');
    session.send('Enter');
    await session.waitFor(/Roll back api in staging\? \[y\/N\]\s*$/m);
    session.type('y');
    session.send('Enter');
    await session.waitFor(/rollback api in staging dryRun=false/);
  });

  it('asks the confirm question for a one-shot command and exits 1 on "n"', async () => {
    session = new TmuxSession(consoleCommand('deploy rollback api'));
    await session.waitFor(/Roll back api in prod\? \[y\/N\]\s*$/m);
    session.type('n');
    session.send('Enter');
    const screen = await session.waitFor(/EXIT=1/);
    expect(screen).toContain('Error: Aborted: not confirmed.');
    expect(screen).not.toContain('rollback api in prod dryRun');
  });

  it('exits 130 when Ctrl-C answers the confirm question', async () => {
    session = new TmuxSession(consoleCommand('deploy rollback api'));
    await session.waitFor(/\[y\/N\]\s*$/m);
    session.send('C-c');
    await session.waitFor(/EXIT=130/);
  });

  it('clears a typed line on Ctrl-C and exits 130 on Ctrl-C at an empty prompt', async () => {
    session = new TmuxSession(
      consoleCommand('--interactive', { FIXTURE_HISTORY_FILE: path.join(dir, 'h') }),
    );
    await session.waitFor(/todo>\s*$/m);
    session.type('add half typed');
    session.send('C-c');
    await session.waitFor(/todo> add half typed\^C\s*\ntodo>\s*$/m);
    session.send('C-c');
    const screen = await session.waitFor(/EXIT=130/);
    expect(screen).not.toContain('Added:');
  });

  it('draws the progress bar on the terminal', async () => {
    session = new TmuxSession(
      consoleCommand('--interactive', { FIXTURE_HISTORY_FILE: path.join(dir, 'h') }),
    );
    await session.waitFor(/todo>\s*$/m);
    const raw = path.join(dir, 'raw');
    session.record(raw);
    session.type('tools work --steps 2');
    session.send('Enter');
    await session.waitFor(/worked 2/);
    const bytes = fs.readFileSync(raw, 'utf8');
    expect(bytes).toContain('work [###############---------------] 1/2 50%');
    expect(bytes).toContain('work [##############################] 2/2 100%');
  });
});
