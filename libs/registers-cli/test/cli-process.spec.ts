import { spawnSync } from 'node:child_process';
import { FIXTURES, REPO_ROOT, runFixture, spawnFixture } from './support/cli-harness';

// Real processes: `node -r @swc-node/register <fixture>.ts`, about 0.7 s per start.
jest.setTimeout(60_000);

describe.each([
  ['RegistersCli.run', 'main.ts'],
  ['CommandFactory.run', 'main-command-factory.ts'],
])('the fixture console started through %s', (_title, entry) => {
  it('exits 0 and prints the result on stdout only', () => {
    const r = runFixture(entry, ['deploy', 'service', 'api', '--dry-run', '--env', 'staging']);
    expect(r).toEqual({
      code: 0,
      stdout: 'Would deploy api:latest to staging/us-east-1\n',
      stderr: '',
    });
  });

  it('exits 1 with "Error: <message>" on stderr when the handler fails', () => {
    expect(runFixture(entry, ['tools', 'fail'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: boom\n',
    });
  });

  it('exits 2 for usage errors: unknown command, unknown option, bad choice, bad number, bad --output', () => {
    for (const args of [
      ['nope'],
      ['list', '--bogus'],
      ['list', 'done'],
      ['complete', 'abc'],
      ['--output', 'xml', 'list'],
    ]) {
      const r = runFixture(entry, args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).toMatch(/^Error: .+\nUsage: todo /);
    }
  });

  it('prints the version and help with exit 0', () => {
    expect(runFixture(entry, ['--version'])).toEqual({ code: 0, stdout: '1.2.3\n', stderr: '' });
    const help = runFixture(entry, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Groups:');
  });

  it('runs a classic nest-commander command beside registers commands', () => {
    expect(runFixture(entry, ['hello', 'bob', '--loud'])).toMatchObject({
      code: 0,
      stdout: 'HELLO BOB\n',
    });
  });

  it('refuses a confirmed command without a TTY, naming --force', () => {
    const r = runFixture(entry, ['deploy', 'rollback', 'api']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--force');
    expect(runFixture(entry, ['deploy', 'rollback', 'api', '--yes']).stdout).toBe(
      'rollback api in prod dryRun=false\n',
    );
  });
});

describe('the fixture console as a process', () => {
  it('writes a JSON error object on stderr with --output json', () => {
    const r = runFixture('main.ts', ['tools', 'fail', 'store', '--output', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)).toEqual({
      error: {
        type: 'StoreError',
        message: 'Todo could not be saved',
        context: { model: 'Todo', operation: 'save', command: 'tools fail' },
      },
    });
  });

  it('behaves the same whatever NODE_ENV is', () => {
    const args = ['tools', 'fail'];
    const results = ['production', 'development', 'test', ''].map((NODE_ENV) =>
      runFixture('main.ts', args, { env: { NODE_ENV } }),
    );
    for (const r of results) expect(r).toEqual({ code: 1, stdout: '', stderr: 'Error: boom\n' });
  });

  it('reads a script from piped stdin with no arguments and exits 0 at the end', () => {
    const r = runFixture('main.ts', [], { input: 'add "Buy milk"\nlsit\nlist\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Todo Console');
    expect(r.stdout).toMatch(/Added: Buy milk \(ID: 1\)\n/);
    expect(r.stdout).toMatch(/^1\s+Buy milk\s+pending$/m);
    expect(r.stderr).toContain("Did you mean 'list'?");
  });

  it('exits 1 at startup with DuplicateCommandError naming both owners', () => {
    const r = runFixture('main-duplicate.ts', ['--help']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "Error: Command 'a' is declared by both FirstTodo.add and SecondTodo.append.\n",
    );
  });

  it('exits 1 with one Error line when a provider fails while the app starts, the stack only with --debug', () => {
    expect(runFixture('main-startup-failure.ts', ['ping'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: BROKEN_SETTING must be a number\n',
    });
    const debug = runFixture('main-startup-failure.ts', ['ping', '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(
      /^Error: BROKEN_SETTING must be a number\nError: BROKEN_SETTING must be a number\n\s+at /,
    );
  });

  it('ends quietly with exit 0 when stdout is closed early (EPIPE)', () => {
    const main = `${FIXTURES}/main.ts`;
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node -r @swc-node/register '${main}' tools lines | head -1; echo "status=\${PIPESTATUS[0]}"`,
      ],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toBe('line 1\nstatus=0\n');
    expect(r.stderr).toBe('');
  });

  it('exits 130 on SIGINT while a command runs', async () => {
    const child = spawnFixture('main.ts', ['tools', 'wait']);
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('waiting')) child.kill('SIGINT');
      });
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(130);
  });
});

describe('RegistersCli.run with exitWhenDone', () => {
  it('ends the process with the whole output although a provider keeps a timer running', () => {
    const r = runFixture('main-exit-when-done.ts', ['dump', '10000']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(10000);
    expect(lines[9999]).toBe(`line 10000 ${'x'.repeat(60)}`);
    expect(r.stderr).toBe('');
  });

  it('ends the process with the failure code and the message on stderr', () => {
    expect(runFixture('main-exit-when-done.ts', ['fail'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: nope\n',
    });
  });

  it('without it, the open timer keeps the process alive (what the option is for)', () => {
    const started = Date.now();
    const r = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', `${FIXTURES}/main-exit-when-done.ts`, 'dump', '1'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 4000,
        env: { ...process.env, FIXTURE_KEEP_RUNNING: '1' },
      },
    );
    expect(r.stdout).toBe(`line 1 ${'x'.repeat(60)}\n`);
    expect(r.signal).toBe('SIGTERM');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
  });
});
