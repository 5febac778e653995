import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertConsoleBuilt, listFiles, makeTempDir, runConsole } from './support/run-console';

/** The packages the built console loads for one command line (and what it printed). */
async function packagesLoadedBy(
  args: string[],
  cwd: string,
  stdout?: (text: string) => void,
): Promise<string[]> {
  const file = join(cwd, `packages-${args.join('-')}.txt`);
  const result = await runConsole(args, {
    cwd,
    env: {
      NODE_OPTIONS: `--require ${join(__dirname, 'support', 'record-packages.js')}`,
      RECORD_PACKAGES_FILE: file,
    },
  });
  expect(result.code).toBe(0);
  stdout?.(result.stdout);
  return readFileSync(file, 'utf8').split('\n');
}

describe('the console loads database code only when a command needs it', () => {
  const workdir = makeTempDir('sample-console-lazy-');
  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('prints its help without loading TypeORM or any database driver', async () => {
    const loaded = await packagesLoadedBy(['--help'], workdir.dir);
    expect(loaded).toContain('nest-commander');
    for (const heavy of [
      'typeorm',
      'better-sqlite3',
      'pg',
      'mysql2',
      '@modelcontextprotocol/sdk',
    ]) {
      expect(loaded).not.toContain(heavy);
    }
  });

  it('loads the MCP SDK for `mcp` alone, and no database driver until a tool needs one', async () => {
    // stdin is closed at once: the server starts, sees the client gone, and exits 0.
    const loaded = await packagesLoadedBy(['mcp'], workdir.dir);
    expect(loaded).toContain('@modelcontextprotocol/sdk');
    for (const heavy of ['typeorm', 'better-sqlite3']) expect(loaded).not.toContain(heavy);
  });

  it('prints the program and cron help without croner, chokidar or a database file', async () => {
    const cron = makeTempDir('sample-console-lazy-cron-');
    try {
      for (const args of [['--help'], ['cron', '--help'], ['cron', 'start', '--help']]) {
        let help = '';
        const loaded = await packagesLoadedBy(args, cron.dir, (text) => (help = text));
        expect(help).toContain('cron start');
        for (const heavy of [
          'croner',
          'chokidar',
          'picomatch',
          'better-sqlite3',
          'typeorm',
          '@nestjs/schedule',
        ]) {
          expect(loaded).not.toContain(heavy);
        }
      }
      expect(listFiles(cron.dir).filter((f) => !f.startsWith('packages-'))).toEqual([]);
    } finally {
      cron.remove();
    }
  });

  it('enqueues with `cron trigger` without loading croner or chokidar', async () => {
    const loaded = await packagesLoadedBy(['cron', 'trigger', 'rebuild'], workdir.dir);
    expect(loaded).toContain('better-sqlite3');
    for (const heavy of ['croner', 'chokidar', 'typeorm']) expect(loaded).not.toContain(heavy);
  });

  it('runs a todo command on the SQLite driver alone, without TypeORM', async () => {
    const loaded = await packagesLoadedBy(['list'], workdir.dir);
    expect(loaded).toContain('better-sqlite3');
    expect(loaded).not.toContain('typeorm');
  });

  it('loads TypeORM for the migration commands that need it', async () => {
    const loaded = await packagesLoadedBy(['db', 'migration:status'], workdir.dir);
    expect(loaded).toEqual(expect.arrayContaining(['typeorm', 'better-sqlite3']));
  });
});
