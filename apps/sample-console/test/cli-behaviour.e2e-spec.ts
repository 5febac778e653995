/**
 * What every command of the sample console shares: help, --version, usage errors and their
 * exit codes, the classic nest-commander command beside the registers ones, and the lazy
 * database (help and usage errors create no database file).
 */
import {
  assertConsoleBuilt,
  ConsoleResult,
  listFiles,
  makeTempDir,
  runConsole,
} from './support/run-console';

jest.setTimeout(60_000);

describe('sample console help, version and usage errors', () => {
  const workdir = makeTempDir();
  const run = (...args: string[]): Promise<ConsoleResult> => runConsole(args, { cwd: workdir.dir });

  beforeAll(() => assertConsoleBuilt());
  afterEach(() => expect(listFiles(workdir.dir)).toEqual([]));
  afterAll(() => workdir.remove());

  it('lists groups, commands and the classic about command in --help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const word of [
      'add',
      'list',
      'complete',
      'update',
      'remove',
      'services',
      'deploy',
      'incidents',
      'about',
    ]) {
      expect(result.stdout).toMatch(new RegExp(`\\b${word}\\b`));
    }
    expect(result.stdout).toContain('Create a todo item');
    expect(result.stdout).toContain('Deployment workflows');
    expect(result.stdout).toContain('Show what this console is built with');
  });

  it('shows a group with help <group>', async () => {
    const result = await run('help', 'deploy');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('service');
    expect(result.stdout).toContain('Deployment workflows');
  });

  it('shows a group by its alias with help svc', async () => {
    const result = await run('help', 'svc');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Service inventory');
    expect(result.stdout).toContain('list');
  });

  it('shows choices, defaults and examples with help <group> <cmd>', async () => {
    const result = await run('help', 'deploy', 'service');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/api\|worker\|billing|api, worker, billing/);
    expect(result.stdout).toContain('latest');
    expect(result.stdout).toContain('--dry-run');
    expect(result.stdout).toContain('d service worker 2026.05 --dry-run');
  });

  it('shows usage, choices, default and aliases with <cmd> --help', async () => {
    const result = await run('list', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pending\|completed\|all|pending, completed, all/);
    expect(result.stdout).toContain('all');
    expect(result.stdout).toContain('--list');
    expect(result.stdout).toContain('-l');
  });

  it('shows remove usage with --help without asking or touching the database', async () => {
    const result = await run('remove', '--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('remove');
    expect(result.stdout).toMatch(/\bid\b/);
  });

  it('prints the version alone with --version', async () => {
    const result = await run('--version');
    expect(result).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('runs the classic nest-commander about command', async () => {
    const result = await run('about');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Todo Console');
  });

  it('exits 2 with a did-you-mean suggestion for an unknown command', async () => {
    const result = await run('lsit');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/lsit/);
    expect(result.stderr).toMatch(/did you mean[^\n]*list/i);
  });

  it('exits 2 with a did-you-mean suggestion for an unknown group command', async () => {
    const result = await run('deploy', 'servce', 'api');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/did you mean[^\n]*service/i);
  });

  it('exits 2 for an unknown option', async () => {
    const result = await run('deploy', 'service', 'api', '--colour');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/--colour/);
  });

  it('exits 2 for an --output outside json|csv|plain|table, before or after the command', async () => {
    for (const args of [
      ['--output', 'xml', 'services', 'list'],
      ['services', 'list', '--output', 'xml'],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/xml/);
    }
  });

  it('exits 2 for a missing required argument and shows the usage', async () => {
    const result = await run('complete');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/id/);
    expect(result.stderr).toMatch(/complete/);
  });

  it('prints a usage error as a JSON object with --output json', async () => {
    const result = await run('deploy', 'service', 'payments', '--output', 'json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const body = JSON.parse(result.stderr) as {
      error: { type: string; message: string; context: unknown };
    };
    expect(body.error).toEqual({
      type: expect.any(String),
      message: expect.stringMatching(/payments/),
      context: expect.anything(),
    });
  });

  it('accepts --quiet, --no-color and --debug before or after the command words', async () => {
    for (const args of [
      ['--quiet', '--no-color', 'deploy', 'service', 'api'],
      ['deploy', 'service', 'api', '--quiet', '--no-color'],
      ['--debug', 'deploy', 'service', 'api'],
      ['deploy', 'service', 'api', '--debug'],
    ]) {
      const result = await run(...args);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Deploying api:latest to prod/us-east-1\n');
    }
  });

  it('behaves the same whatever NODE_ENV is', async () => {
    const production = await runConsole(['deploy', 'service', 'api'], {
      cwd: workdir.dir,
      env: { NODE_ENV: 'production' },
    });
    const development = await runConsole(['deploy', 'service', 'api'], {
      cwd: workdir.dir,
      env: { NODE_ENV: 'development' },
    });
    expect(production).toEqual(development);
    expect(production.stdout).toBe('Deploying api:latest to prod/us-east-1\n');
  });
});

describe('sample console lazy database', () => {
  let workdir: { dir: string; remove: () => void };
  beforeEach(() => (workdir = makeTempDir()));
  afterEach(() => workdir.remove());

  it('creates the default SQLite file under ./data/ only when a todo command runs', async () => {
    await runConsole(['--help'], { cwd: workdir.dir });
    await runConsole(['help', 'list'], { cwd: workdir.dir });
    await runConsole(['add', '--help'], { cwd: workdir.dir });
    await runConsole(['services', 'list'], { cwd: workdir.dir });
    expect(listFiles(workdir.dir)).toEqual([]);

    const added = await runConsole(['add', 'First'], { cwd: workdir.dir });
    expect(added).toMatchObject({ code: 0, stdout: 'Added: First (ID: 1)\n' });
    const files = listFiles(workdir.dir);
    expect(files.some((file) => /^data\/[^/]+\.db$/.test(file))).toBe(true);
    expect(files.every((file) => file.startsWith('data/'))).toBe(true);

    const listed = await runConsole(['list'], { cwd: workdir.dir });
    expect(listed.stdout).toBe('1: First [pending]\n');
  });

  it('creates no database file for a usage error in a todo command', async () => {
    const result = await runConsole(['complete', 'abc'], { cwd: workdir.dir });
    expect(result.code).toBe(2);
    expect(listFiles(workdir.dir)).toEqual([]);
  });
});

describe('sample console with an unreachable database server', () => {
  // Port 1 refuses connections: anything that tried to connect would fail.
  const unreachable = 'postgres://nobody@127.0.0.1:1/none';
  const workdir = makeTempDir();
  const run = (...args: string[]): Promise<ConsoleResult> =>
    runConsole(args, { cwd: workdir.dir, databaseUrl: unreachable });
  afterAll(() => workdir.remove());

  it('still prints help and runs the ops desk, because nothing connects before a todo command', async () => {
    for (const args of [
      ['--help'],
      ['help', 'list'],
      ['list', '--help'],
      ['services', 'list'],
      ['deploy', 'service', 'api'],
      ['incidents', 'page', 'api'],
    ]) {
      const result = await run(...args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({
        args,
        code: 0,
        stderr: '',
      });
    }
  });

  it('fails a todo command with exit 1 and a one-line error naming no password', async () => {
    const result = await runConsole(['list'], {
      cwd: workdir.dir,
      databaseUrl: 'postgres://nobody:s3cret-pw@127.0.0.1:1/none',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Error: /);
    expect(result.stderr).not.toContain('s3cret-pw');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
