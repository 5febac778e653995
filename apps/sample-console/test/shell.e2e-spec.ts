/**
 * The interactive shell scripted through piped stdin: title, shell-style quoting, errors
 * that do not stop the session, built-ins, and exit code 0 at end of input.
 */
import { describeEachDialect } from '../../../test/support/dialects';
import {
  assertConsoleBuilt,
  firstJson,
  lines,
  listFiles,
  makeTempDir,
  runConsole,
} from './support/run-console';

jest.setTimeout(60_000);

describeEachDialect('sample console scripted shell', (target) => {
  const workdir = makeTempDir();
  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('runs piped lines with quotes, survives failing commands and exits 0 at end of input', async () => {
    const script = [
      'add "Buy milk" "Two litres"',
      "add 'Walk the dog'",
      'complete 999',
      'lsit',
      'complete 1',
      'list',
      'list --output json',
      '',
    ].join('\n');
    const result = await runConsole(['--interactive'], {
      cwd: workdir.dir,
      databaseUrl: target().url,
      input: script,
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Todo Console');
    expect(result.stdout).toContain('Added: Buy milk (ID: 1)');
    expect(result.stdout).toContain('Added: Walk the dog (ID: 2)');
    expect(result.stdout).toContain('Completed todo ID 1.');
    expect(result.stderr).toMatch(/Error: .*not found/i);
    expect(result.stderr).toMatch(/did you mean[^\n]*list/i);

    const out = lines(result.stdout);
    expect(out).toContain('1: Buy milk [completed]');
    expect(out).toContain('2: Walk the dog [pending]');
    expect(firstJson(result.stdout)).toMatchObject([
      { id: 1, title: 'Buy milk', description: 'Two litres', status: 'completed' },
      { id: 2, title: 'Walk the dog', description: '', status: 'pending' },
    ]);
  });
});

describe('sample console shell built-ins', () => {
  const workdir = makeTempDir();
  const shell = (input: string, ...args: string[]) =>
    runConsole(['--interactive', ...args], { cwd: workdir.dir, input });
  beforeAll(() => assertConsoleBuilt());
  afterEach(() =>
    expect(listFiles(workdir.dir).filter((file) => file.startsWith('data/'))).toEqual([]),
  );
  afterAll(() => workdir.remove());

  it('prints the title when stdin is piped and exits 0 on empty input', async () => {
    const result = await shell('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Todo Console');
  });

  it('lists commands with the commands built-in and shows help with help', async () => {
    const result = await shell('commands\nhelp deploy\n');
    expect(result.code).toBe(0);
    for (const word of ['add', 'list', 'remove', 'services', 'deploy', 'incidents'])
      expect(result.stdout).toContain(word);
    expect(result.stdout).toContain('Deployment workflows');
  });

  it('stops at exit and runs nothing after it', async () => {
    const result = await shell('deploy service api --dry-run\nexit\ndeploy service worker\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Would deploy api:latest to prod/us-east-1');
    expect(result.stdout).not.toContain('worker');
  });

  it('stops at quit as well', async () => {
    const result = await shell('quit\ndeploy service worker\n');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('Deploying worker');
  });

  it('keeps context options given on the shell command line and per line', async () => {
    const result = await shell(
      'services list --output json\ndeploy service api --env dev --region eu-west-1\n',
      '--env',
      'stage',
    );
    expect(result.code).toBe(0);
    const rows = firstJson<Array<Record<string, string>>>(result.stdout);
    expect(rows[0]).toMatchObject({ env: 'stage', region: 'us-east-1' });
    expect(result.stdout).toContain('Deploying api:latest to dev/eu-west-1');
  });

  it('runs the classic nest-commander command in the shell, more than once', async () => {
    const result = await shell('about\nabout\ndeploy service api\n');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/a sample of @registers\/cli/g)).toHaveLength(2);
    expect(result.stdout).toContain('Deploying api:latest to prod/us-east-1');
  });

  it('runs shell commands through exec', async () => {
    const result = await shell('exec echo hello-from-exec\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('hello-from-exec');
  });

  it('refuses remove without --force in a piped shell and goes on', async () => {
    const result = await shell('remove 1\ndeploy service api\n');
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/--force/);
    expect(result.stdout).toContain('Deploying api:latest to prod/us-east-1');
  });
});
