/**
 * An unusable REGISTERS_DATABASE_URL only fails the commands that open the database, each
 * with one `Error:` line (the stack only with --debug); help, version, usage errors and the
 * ops desk work as if it were fine.
 */
import { configurationMessages } from '@registers/db/errors/messages';
import {
  assertConsoleBuilt,
  ConsoleResult,
  firstJson,
  listFiles,
  makeTempDir,
  runConsole,
} from './support/run-console';

jest.setTimeout(60_000);

describe('sample console with an unusable REGISTERS_DATABASE_URL', () => {
  const workdir = makeTempDir('sample-console-config-');
  const databaseUrl = 'foo://admin:s3cret-pw@db.internal/todos';
  const redacted = 'foo://admin:***@db.internal/todos';
  const oneLine = `Error: ${configurationMessages.unsupportedUrl(redacted)}\n`;
  const run = (...args: string[]): Promise<ConsoleResult> =>
    runConsole(args, { cwd: workdir.dir, databaseUrl });

  beforeAll(() => assertConsoleBuilt());
  afterEach(() => expect(listFiles(workdir.dir)).toEqual([]));
  afterAll(() => workdir.remove());

  it('prints help and the version with exit 0 and a quiet stderr', async () => {
    const help = await run('--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: todo');
    expect(await run('--version')).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const groupHelp = await run('help', 'db');
    expect(groupHelp).toMatchObject({ code: 0, stderr: '' });
    expect(groupHelp.stdout).toContain('db health');
  });

  it('runs the ops desk and the classic command, which never open the database', async () => {
    const services = await run('services', 'list');
    expect(services).toMatchObject({ code: 0, stderr: '' });
    expect(services.stdout).toMatch(/^api\s+platform/m);
    const deploy = await run('deploy', 'service', 'api', '--dry-run');
    expect(deploy).toEqual({
      code: 0,
      stdout: 'Would deploy api:latest to prod/us-east-1\n',
      stderr: '',
    });
    expect(await run('about')).toMatchObject({ code: 0, stderr: '' });
  });

  it('reports an unknown command as a usage error (exit 2), not as the database URL', async () => {
    const result = await run('nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: Unknown command 'nope'\.\nUsage: todo /);
    expect(result.stderr).not.toContain('database URL');
  });

  it('fails each command that opens the database with one Error line and exit 1', async () => {
    for (const args of [
      ['list'],
      ['add', 'Buy milk'],
      ['db', 'health'],
      ['db', 'status'],
      ['cron', 'status'],
    ]) {
      const result = await run(...args);
      expect({ args, ...result }).toEqual({ args, code: 1, stdout: '', stderr: oneLine });
    }
  });

  it('reports it as a ConfigurationError in json mode, without the password', async () => {
    const result = await run('db', 'status', '--output', 'json');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toContain('s3cret');
    expect(firstJson(result.stderr)).toEqual({
      error: {
        type: 'ConfigurationError',
        message: configurationMessages.unsupportedUrl(redacted),
        context: { url: redacted, command: 'db status' },
      },
    });
  });

  it('adds the stack trace only with --debug', async () => {
    const result = await run('list', '--debug');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(oneLine);
    expect(result.stderr).toContain(
      `ConfigurationError: ${configurationMessages.unsupportedUrl(redacted)}\n    at `,
    );
    expect(result.stderr).not.toContain('s3cret');
  });
});
