import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertConsoleBuilt, makeTempDir, runConsole } from './support/run-console';

/** The packages the built console loads for one command line. */
async function packagesLoadedBy(args: string[], cwd: string): Promise<string[]> {
  const file = join(cwd, `packages-${args.join('-')}.txt`);
  const result = await runConsole(args, {
    cwd,
    env: {
      NODE_OPTIONS: `--require ${join(__dirname, 'support', 'record-packages.js')}`,
      RECORD_PACKAGES_FILE: file,
    },
  });
  expect(result.code).toBe(0);
  return readFileSync(file, 'utf8').split('\n');
}

describe('the console loads database code only when a command needs it', () => {
  const workdir = makeTempDir('sample-console-lazy-');
  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('prints its help without loading TypeORM or any database driver', async () => {
    const loaded = await packagesLoadedBy(['--help'], workdir.dir);
    expect(loaded).toContain('nest-commander');
    for (const heavy of ['typeorm', 'better-sqlite3', 'pg', 'mysql2']) {
      expect(loaded).not.toContain(heavy);
    }
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
