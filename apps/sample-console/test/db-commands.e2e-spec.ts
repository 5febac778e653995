/**
 * The `db …` commands of the built sample console (SPEC 4.3 / 5.2), run as a child process
 * against each dialect. Each story runs in order over one fresh database of its own.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDialect, DialectTarget } from '../../../test/support/dialects';
import {
  assertConsoleBuilt,
  ConsoleResult,
  firstJson,
  listFiles,
  makeTempDir,
  runConsole,
} from './support/run-console';

jest.setTimeout(60_000);

const STARTER_TITLES = ['Read the console help', 'Add your first todo', 'Check the database'];

/** The dialect `db` commands report: MariaDB runs on the mysql dialect. */
const reportedDialect = (target: DialectTarget) =>
  target.dialect === 'mariadb' ? 'mysql' : target.dialect;

interface StatusJson {
  upToDate: boolean;
  dialect: string;
  tables: Array<{ table: string; status: string }>;
}

function consoleIn(dir: string, url: () => string) {
  const run = (...args: string[]): Promise<ConsoleResult> =>
    runConsole(args, { cwd: dir, databaseUrl: url() });
  const json = async <T = any>(...args: string[]): Promise<T> => {
    const result = await run(...args, '--output', 'json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout) as T;
  };
  return { run, json };
}

describeEachDialect(
  'sample console db commands: status, TypeORM migrations, create-all',
  (target) => {
    const workdir = makeTempDir('sample-console-db-');
    // MariaDB stays behind its mysql:// URL: the connection detects the server itself.
    const { run, json } = consoleIn(workdir.dir, () => target().url);
    const migrationsDir = join(workdir.dir, 'migrations');
    let migration = '';

    beforeAll(() => assertConsoleBuilt());
    afterAll(() => workdir.remove());

    it('reports a healthy database as { status, dialect, latencyMs } in json', async () => {
      const health = await json('db', 'health');
      expect(Object.keys(health).sort()).toEqual(['dialect', 'latencyMs', 'status']);
      expect(health).toMatchObject({ status: 'ok', dialect: reportedDialect(target()) });
      expect(typeof health.latencyMs).toBe('number');
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
    });

    it('prints the health report as aligned key: value lines in plain mode', async () => {
      const result = await run('db', 'health');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        new RegExp(
          `^status: +ok\\ndialect: +${reportedDialect(target())}\\nlatencyMs: +\\d+(\\.\\d+)?\\n$`,
        ),
      );
    });

    it('reports the todo table as missing on a fresh database and exits 1 with --check', async () => {
      const plain = await run('db', 'status');
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/^Schema drift in 1 of 1 tables/);
      expect(plain.stdout).toMatch(/todo_items\s+TodoItem: table missing/);
      const report = await json<StatusJson>('db', 'status');
      expect(report).toMatchObject({ upToDate: false, dialect: reportedDialect(target()) });
      expect(report.tables).toEqual([
        expect.objectContaining({ table: 'todo_items', status: 'missing' }),
      ]);
      const check = await run('db', 'status', '--check');
      expect(check.code).toBe(1);
      expect(check.stdout).toBe('');
      expect(check.stderr).toMatch(
        /^Error: Schema drift in 1 of 1 tables: todo_items: table missing/,
      );
    });

    it('prints the CREATE TABLE statement with migrate --dry-run and creates nothing', async () => {
      const dryRun = await run('db', 'migrate', '--dry-run');
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toMatch(/^Dry run: 1 change planned, nothing applied\. Statements:\n/);
      expect(dryRun.stdout).toMatch(/CREATE TABLE (IF NOT EXISTS )?["`]todo_items["`]/);
      expect((await json<StatusJson>('db', 'status')).tables[0].status).toBe('missing');
      expect(existsSync(migrationsDir)).toBe(false);
    });

    it('writes a CommonJS migration under ./migrations with migration:generate', async () => {
      const result = await run('db', 'migration:generate', 'create-todos');
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const match =
        /^Generated (CreateTodos(\d{13})) \(\d+ statements?\): migrations\/(\d{13})-create-todos\.js\n$/.exec(
          result.stdout,
        );
      expect(match).not.toBeNull();
      migration = match![1];
      expect(match![3]).toBe(match![2]);
      expect(readdirSync(migrationsDir)).toEqual([`${match![3]}-create-todos.js`]);
      const source = readFileSync(join(migrationsDir, `${match![3]}-create-todos.js`), 'utf8');
      expect(source).toContain(`module.exports = { ${migration} };`);
      expect(source).toMatch(/todo_items/);
      // It loads from a folder with no node_modules: nothing is required.
      expect(source).not.toMatch(/\brequire\(/);
      expect((await json<StatusJson>('db', 'status')).tables[0].status).toBe('missing');
    });

    it('refuses a migration name that is not a plain word, with exit 1 and no new file', async () => {
      const result = await run('db', 'migration:generate', '../escape');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /^Error: Migration name '\.\.\/escape' must start with a letter/,
      );
      expect(readdirSync(migrationsDir)).toHaveLength(1);
    });

    it('lists the generated migration as pending in a new console process', async () => {
      expect(await run('db', 'migration:status')).toEqual({
        code: 0,
        stdout: `[ ] ${migration}\n0 migrations executed, 1 pending.\n`,
        stderr: '',
      });
    });

    it('runs the migration, after which the schema is up to date', async () => {
      expect(await run('db', 'migration:run')).toEqual({
        code: 0,
        stdout: `Ran 1 migration: ${migration}.\n`,
        stderr: '',
      });
      const status = await run('db', 'status', '--check');
      expect(status).toMatchObject({ code: 0, stderr: '' });
      expect(status.stdout).toMatch(/^Schema is up to date: 1 table matches its model/);
      expect(await json('db', 'migration:status')).toEqual([{ name: migration, executed: true }]);
      expect((await run('db', 'migration:run')).stdout).toBe('No pending migrations.\n');
    });

    it('stores todos in the table the migration created', async () => {
      expect((await run('add', 'Migrated')).stdout).toBe('Added: Migrated (ID: 1)\n');
      expect((await run('list')).stdout).toBe('1: Migrated [pending]\n');
    });

    it('writes no second migration when the database matches the models', async () => {
      const result = await run('db', 'migration:generate', 'nothing-new');
      expect(result).toEqual({
        code: 0,
        stdout: 'No schema changes: the database matches the models, no migration written.\n',
        stderr: '',
      });
      expect(readdirSync(migrationsDir)).toHaveLength(1);
    });

    it('reverts the migration, after which the table is missing again', async () => {
      expect(await run('db', 'migration:revert')).toEqual({
        code: 0,
        stdout: `Reverted ${migration}.\n`,
        stderr: '',
      });
      expect((await json<StatusJson>('db', 'status')).tables[0].status).toBe('missing');
      expect(await json('db', 'migration:status')).toEqual([{ name: migration, executed: false }]);
      expect(await json('db', 'migration:revert')).toEqual({ reverted: null });
    });

    it('creates the missing table with create-all, after which status is up to date', async () => {
      expect(await run('db', 'create-all')).toEqual({
        code: 0,
        stdout: 'Created 1 table: todo_items.\n',
        stderr: '',
      });
      const status = await json<StatusJson>('db', 'status');
      expect(status.upToDate).toBe(true);
      expect(status.tables).toEqual([
        expect.objectContaining({ table: 'todo_items', status: 'ok' }),
      ]);
      expect(await json('db', 'create-all')).toEqual({ created: [], existing: ['todo_items'] });
    });
  },
);

/**
 * Tables made by the registers DDL (create-all, autoCreate) must read back in TypeORM as the
 * models say, or migration:generate writes a spurious migration.
 */
describeEachDialect('sample console db commands: tables made by create-all', (target) => {
  const workdir = makeTempDir('sample-console-db-');
  const { run, json } = consoleIn(workdir.dir, () => target().url);
  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('generates no migration for the table create-all made', async () => {
    expect(await json('db', 'create-all')).toEqual({ created: ['todo_items'], existing: [] });
    expect(await run('db', 'migration:generate', 'after-create-all')).toEqual({
      code: 0,
      stdout: 'No schema changes: the database matches the models, no migration written.\n',
      stderr: '',
    });
    expect(existsSync(join(workdir.dir, 'migrations'))).toBe(false);
  });
});

describeEachDialect('sample console db commands: additive migrate and seeding', (target) => {
  const workdir = makeTempDir('sample-console-db-');
  const { run, json } = consoleIn(workdir.dir, () => target().url);
  let planned: string[] = [];

  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('plans the table with migrate --dry-run without creating it', async () => {
    const plan = await json<{ dryRun: boolean; statements: string[] }>(
      'db',
      'migrate',
      '--dry-run',
    );
    expect(plan.dryRun).toBe(true);
    expect(plan.statements.length).toBeGreaterThan(0);
    expect(plan.statements[0]).toMatch(/^CREATE TABLE (IF NOT EXISTS )?["`]todo_items["`]/);
    planned = plan.statements;
    expect((await json<StatusJson>('db', 'status')).tables[0].status).toBe('missing');
    // A second dry run plans the same, which it could not if the first had written anything.
    expect((await json('db', 'migrate', '--dry-run')).statements).toEqual(planned);
  });

  it('applies exactly the planned statements with migrate', async () => {
    const applied = await json<{ dryRun: boolean; statements: string[] }>('db', 'migrate');
    expect(applied).toMatchObject({ dryRun: false, statements: planned });
    expect((await json<StatusJson>('db', 'status')).upToDate).toBe(true);
    expect(await run('db', 'migrate')).toEqual({
      code: 0,
      stdout: 'Nothing to migrate: every registered table and column exists.\n',
      stderr: '',
    });
  });

  it('prints one csv row per table from db status --output csv', async () => {
    expect(await run('db', 'status', '--output', 'csv')).toEqual({
      code: 0,
      stdout: 'table,model,status,details\ntodo_items,TodoItem,ok,\n',
      stderr: '',
    });
  });

  it('seeds the starter todos on the first db seed', async () => {
    expect(await run('db', 'seed')).toEqual({
      code: 0,
      stdout: 'StarterTodosSeeder: ran\n',
      stderr: '',
    });
    const todos = await json<Array<{ title: string; status: string }>>('list');
    expect(todos.map((t) => t.title)).toEqual(STARTER_TITLES);
    expect(todos.every((t) => t.status === 'pending')).toBe(true);
  });

  it('skips the seeder on a second db seed and adds no rows', async () => {
    expect(await run('db', 'seed')).toEqual({
      code: 0,
      stdout: 'StarterTodosSeeder: already applied, skipped\n',
      stderr: '',
    });
    expect(await json('db', 'seed')).toEqual([{ name: 'StarterTodosSeeder', ran: false }]);
    expect((await json<unknown[]>('list')).length).toBe(3);
  });

  it('reruns the seeder with --rerun, which adds only the starter todos that are gone', async () => {
    expect((await run('remove', '2', '--force')).code).toBe(0);
    expect(await run('db', 'seed', 'StarterTodosSeeder', '--rerun')).toEqual({
      code: 0,
      stdout: 'StarterTodosSeeder: ran\n',
      stderr: '',
    });
    const titles = (await json<Array<{ title: string }>>('list')).map((t) => t.title);
    expect([...titles].sort()).toEqual([...STARTER_TITLES].sort());
  });

  it('refuses an unknown seeder name with exit 1 and runs nothing', async () => {
    const result = await run('db', 'seed', 'NoSuchSeeder', '--rerun');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: Unknown seeder\(s\) NoSuchSeeder/);
    expect((await json<unknown[]>('list')).length).toBe(3);
  });
});

describeEachDialect('sample console db commands in one shell session', (target) => {
  const workdir = makeTempDir('sample-console-db-');
  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  it('generates, lists, runs and reverts a migration in one piped shell session', async () => {
    const script = [
      'db migration:status',
      'db migration:generate create-todos',
      'db migration:status',
      'db migration:run',
      'db status',
      'db migration:revert',
      'exit',
    ].join('\n');
    const result = await runConsole(['--interactive'], {
      cwd: workdir.dir,
      databaseUrl: target().url,
      input: `${script}\n`,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const name = /Generated (CreateTodos\d{13}) /.exec(result.stdout)?.[1];
    expect(name).toBeDefined();
    const out = result.stdout;
    const order = [
      "No migrations are configured for registry 'default'.",
      `Generated ${name} (1 statement): migrations/`,
      `[ ] ${name}\n0 migrations executed, 1 pending.`,
      `Ran 1 migration: ${name}.`,
      'Schema is up to date: 1 table matches its model',
      `Reverted ${name}.`,
    ].map((text) => out.indexOf(text));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('sample console db commands without a reachable database', () => {
  const workdir = makeTempDir('sample-console-db-');
  beforeAll(() => assertConsoleBuilt());
  afterAll(() => workdir.remove());

  // Port 1 on the loopback address refuses connections at once.
  const unreachable = {
    postgres: 'postgres://app:s3cret-pw@127.0.0.1:1/shop',
    mysql: 'mysql://app:s3cret-pw@127.0.0.1:1/shop',
  };

  for (const [dialect, url] of Object.entries(unreachable)) {
    it(`exits 1 on db health with the ${dialect} password redacted`, async () => {
      const result = await runConsole(['db', 'health'], { cwd: workdir.dir, databaseUrl: url });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        new RegExp(
          `^Error: Could not open the ${dialect} database ${dialect}://app:\\*\\*\\*@127\\.0\\.0\\.1:1/shop: `,
        ),
      );
      expect(result.stderr).not.toContain('s3cret');
    });

    it(`reports DatabaseUnreachableError as json for db status on ${dialect}, without the password even with --debug`, async () => {
      const result = await runConsole(['db', 'status', '--output', 'json', '--debug'], {
        cwd: workdir.dir,
        databaseUrl: url,
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toContain('s3cret');
      const { error } = firstJson<{ error: Record<string, unknown> }>(result.stderr);
      expect(error).toMatchObject({
        type: 'DatabaseUnreachableError',
        context: { command: 'db status', dialect, url: `${dialect}://app:***@127.0.0.1:1/shop` },
      });
    });
  }

  it('exits 1 on db health when the SQLite file cannot be created, naming the path', async () => {
    writeFileSync(join(workdir.dir, 'not-a-dir'), '');
    const url = `sqlite:${join(workdir.dir, 'not-a-dir', 'todos.db')}`;
    const result = await runConsole(['db', 'health'], { cwd: workdir.dir, databaseUrl: url });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(`Error: Could not open the sqlite database ${url}: `)).toBe(
      true,
    );
    rmSync(join(workdir.dir, 'not-a-dir'));
  });

  it('prints db help and command help without creating a database file or a migrations folder', async () => {
    const calls = [
      ['help', 'db'],
      ['db', '--help'],
      ['db', 'migration:generate', '--help'],
    ];
    for (const args of calls) {
      const result = await runConsole(args, { cwd: workdir.dir });
      expect(result.stdout).toContain('db migration:generate');
      expect(listFiles(workdir.dir)).toEqual([]);
    }
  });
});
