import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { IsString } from 'class-validator';
import { ConfigurationError, Field, Model, RegistersDbModule } from '@registers/db';
import {
  commonJsMigrationSource,
  defaultMigrationExtension,
  RegistersDbCommandsModule,
} from '@registers/db/commands';
import { describeEachDialect } from '../../../test/support/dialects';
import { startCliConsole } from './support/console';

@Model({ table: 'cmd_js_tasks' })
class Task {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ length: 80 }) @IsString() title!: string;
}

/** Evaluates a generated CommonJS migration the way Node's loader would, without a file. */
function loadCommonJs(source: string): Record<string, new () => any> {
  const module = { exports: {} as Record<string, new () => any> };
  runInNewContext(source, { module, exports: module.exports });
  return module.exports;
}

/** Records what a migration asks of its query runner (the SQL text it would send). */
function recordingRunner() {
  const calls: unknown[][] = [];
  return { calls, runner: { query: async (...args: unknown[]) => void calls.push(args) } };
}

describe('CommonJS migration source', () => {
  it('exports one class whose name property is the class name', () => {
    const exported = loadCommonJs(commonJsMigrationSource('AddMotto1763800000000', [], []));
    expect(Object.keys(exported)).toEqual(['AddMotto1763800000000']);
    const migration = new exported.AddMotto1763800000000();
    expect(migration.name).toBe('AddMotto1763800000000');
    expect(migration.constructor.name).toBe('AddMotto1763800000000');
  });

  it('passes SQL with quotes, backticks, backslashes and ${…} through unchanged, with its parameters', async () => {
    const tricky =
      "INSERT INTO `t` (\"a\", b) VALUES ('it''s', 'C:\\\\dir\\n', '${process.exit()}')";
    const source = commonJsMigrationSource(
      'Tricky1763800000000',
      [{ query: tricky }, { query: 'UPDATE t SET a = ?', parameters: ['x', 2] }],
      [{ query: 'DELETE FROM `t`' }],
    );
    expect(source).not.toMatch(/\brequire\(/);
    const migration = new (loadCommonJs(source).Tricky1763800000000)();
    const up = recordingRunner();
    await migration.up(up.runner);
    expect(up.calls).toEqual([[tricky], ['UPDATE t SET a = ?', ['x', 2]]]);
    const down = recordingRunner();
    await migration.down(down.runner);
    expect(down.calls).toEqual([['DELETE FROM `t`']]);
  });
});

describe('migration file type', () => {
  it('defaults to ts while the commands run from TypeScript sources (as under jest)', () => {
    expect(defaultMigrationExtension()).toBe('ts');
  });

  it('refuses a migrationExtension other than ts or js at forRoot', () => {
    expect(() =>
      RegistersDbCommandsModule.forRoot({ migrationExtension: 'coffee' as any }),
    ).toThrow(ConfigurationError);
    expect(() =>
      RegistersDbCommandsModule.forRoot({ migrationExtension: 'coffee' as any }),
    ).toThrow("RegistersDbCommandsModule: migrationExtension must be 'ts' or 'js', not 'coffee'.");
  });
});

describeEachDialect('db migration:generate with migrationExtension js', (target) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'registers-db-js-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const consoleWith = () => {
    const typeorm = target().dialect === 'mariadb' ? { type: 'mariadb' } : {};
    return startCliConsole([
      RegistersDbModule.forRoot({
        url: target().url,
        autoCreate: false,
        typeorm,
        migrations: [join(dir, '*.js')],
      }),
      RegistersDbModule.forFeature([Task]),
      RegistersDbCommandsModule.forRoot({ migrationsDir: dir, migrationExtension: 'js' }),
    ]);
  };

  it('writes a .js migration that a new console loads, runs and reverts', async () => {
    const first = await consoleWith();
    let className: string;
    try {
      const generated = await first.run('db', 'migration:generate', 'create-tasks');
      expect(generated.stderr).toBe('');
      const match = /^Generated (CreateTasks\d{13}) \(\d+ statements?\): (.+)\n$/.exec(
        generated.stdout,
      );
      expect(match).not.toBeNull();
      className = match![1];
      expect(match![2]).toBe(join(dir, `${className.slice(-13)}-create-tasks.js`));
      expect(readdirSync(dir)).toEqual([`${className.slice(-13)}-create-tasks.js`]);
      expect(readFileSync(match![2], 'utf8')).toContain(`module.exports = { ${className} };`);
    } finally {
      await first.close();
    }

    const next = await consoleWith();
    try {
      expect((await next.run('db', 'migration:status')).stdout).toBe(
        `[ ] ${className}\n0 migrations executed, 1 pending.\n`,
      );
      expect((await next.run('db', 'migration:run')).stdout).toBe(
        `Ran 1 migration: ${className}.\n`,
      );
      expect((await next.run('db', 'status', '--check')).stdout).toMatch(
        /^Schema is up to date: 1 table matches its model/,
      );
      expect((await next.run('db', 'migration:revert')).stdout).toBe(`Reverted ${className}.\n`);
      expect((await next.run('db', 'status')).stdout).toMatch(/cmd_js_tasks\s+Task: table missing/);
    } finally {
      await next.close();
    }
  });

  it('runs a migration generated earlier in the same console session (as in the shell)', async () => {
    const cli = await consoleWith();
    try {
      // The connection opens here and TypeORM reads the (still empty) migrations folder.
      expect((await cli.run('db', 'migration:status')).stdout).toBe(
        "No migrations are configured for registry 'default'.\n",
      );
      const generated = await cli.run('db', 'migration:generate', 'create-tasks');
      const className = /^Generated (CreateTasks\d{13}) /.exec(generated.stdout)![1];
      expect((await cli.run('db', 'migration:status')).stdout).toBe(
        `[ ] ${className}\n0 migrations executed, 1 pending.\n`,
      );
      expect((await cli.run('db', 'migration:run')).stdout).toBe(
        `Ran 1 migration: ${className}.\n`,
      );
      expect((await cli.run('db', 'status', '--check')).code).toBe(0);
      expect((await cli.run('db', 'migration:revert')).stdout).toBe(`Reverted ${className}.\n`);
    } finally {
      await cli.close();
    }
  });
});
