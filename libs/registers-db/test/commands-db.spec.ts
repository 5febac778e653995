import 'reflect-metadata';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamicModule, Provider } from '@nestjs/common';
import { IsInt, IsOptional, IsString } from 'class-validator';
import {
  DatabaseRegistry,
  Field,
  MigrationError,
  Model,
  RegistersDbModule,
  RegistersSeeder,
  Seeder,
} from '@registers/db';
import { RegistersDbCommandsModule } from '@registers/db/commands';
import { describeEachDialect, DialectTarget } from '../../../test/support/dialects';
import { startCliConsole } from './support/console';

@Model({ table: 'cmd_teams' })
class Team {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'cmd_members' })
class Member {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field({ foreignKey: 'cmd_teams.id' }) @IsInt() teamId!: number;
}

/** The next release of Team: one new optional column. */
@Model({ table: 'cmd_teams' })
class TeamV2 {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field() @IsOptional() @IsString() motto?: string | null;
}

/** A release that changed a column's type: additive migration cannot do that. */
@Model({ table: 'cmd_teams' })
class TeamRetyped {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsInt() name!: number;
  @Field() @IsOptional() @IsString() motto?: string | null;
}

let failSeeding = false;

/** Fails on its first run (after writing a row), then succeeds. */
@Seeder({ order: 2 })
class FlakySeeder implements RegistersSeeder {
  async seed(registry: DatabaseRegistry): Promise<void> {
    await registry.manager(Team).create({ name: 'Flaky' });
    if (failSeeding) throw new Error('flaky seeder failed on purpose');
  }
}

/** Two tables that reference each other: one foreign key is added after both exist. */
@Model({ table: 'cmd_left' })
class Left {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'cmd_right.id' }) @IsOptional() @IsInt() rightId?: number | null;
}

@Model({ table: 'cmd_right' })
class Right {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'cmd_left.id' }) @IsOptional() @IsInt() leftId?: number | null;
}

@Seeder()
class TeamsSeeder implements RegistersSeeder {
  async seed(registry: DatabaseRegistry): Promise<void> {
    await registry.manager(Team).create({ name: 'Core' });
  }
}

/** A console like an application's: the CLI module, one registry and the db commands. */
async function startConsole(
  target: DialectTarget,
  options: {
    models: Function[];
    url?: string;
    migrationsDir: string;
    providers?: Provider[];
  },
) {
  const typeorm = target.dialect === 'mariadb' ? { type: 'mariadb' } : {};
  const imports: DynamicModule[] = [
    RegistersDbModule.forRoot({
      url: options.url ?? target.url,
      autoCreate: false,
      typeorm,
      migrations: [join(options.migrationsDir, '*.ts')],
    }),
    RegistersDbModule.forFeature(options.models as any[]),
    RegistersDbCommandsModule.forRoot({ migrationsDir: options.migrationsDir }),
  ];
  const { app, run, close } = await startCliConsole(imports, options.providers ?? []);
  const json = async (...argv: string[]) => {
    const result = await run(...argv, '--output', 'json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(result.stdout);
  };
  return { app, run, json, registry: app.get(DatabaseRegistry), close };
}

type Console = Awaited<ReturnType<typeof startConsole>>;

/** A quoted identifier in any dialect: "name" or `name`. */
const id = (name: string) => `["\`]${name}["\`]`;

describeEachDialect('db commands on a registers console', (target) => {
  let migrationsDir: string;
  let v1: Console;

  beforeAll(async () => {
    migrationsDir = mkdtempSync(join(tmpdir(), 'registers-db-commands-'));
    v1 = await startConsole(target(), {
      models: [Member, Team],
      migrationsDir,
      providers: [TeamsSeeder],
    });
  });
  afterAll(async () => {
    await v1?.close();
    rmSync(migrationsDir, { recursive: true, force: true });
  });

  describe('before the tables exist', () => {
    it('lists every table as missing in plain text and exits 0', async () => {
      const r = await v1.run('db', 'status');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Schema drift in 2 of 2 tables \(registry 'default', \w+\):\n/);
      expect(r.stdout).toMatch(/cmd_members\s+Member: table missing/);
      expect(r.stdout).toMatch(/cmd_teams\s+Team: table missing/);
      expect(r.stdout).toContain('db migrate');
    });

    it('gives a structured report in json mode', async () => {
      const report = await v1.json('db', 'status');
      expect(report).toMatchObject({
        registry: 'default',
        dialect: target().dialect === 'mariadb' ? 'mysql' : target().dialect,
        upToDate: false,
      });
      expect(report.tables).toEqual([
        expect.objectContaining({ model: 'Member', table: 'cmd_members', status: 'missing' }),
        expect.objectContaining({ model: 'Team', table: 'cmd_teams', status: 'missing' }),
      ]);
    });

    it('exits 1 with the drift in the error when status runs with --check', async () => {
      const r = await v1.run('db', 'status', '--check');
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^Error: Schema drift in 2 of 2 tables: .*cmd_teams: table missing/);
    });

    it('prints the CREATE TABLE statements with migrate --dry-run, referenced table first, and writes nothing', async () => {
      const r = await v1.run('db', 'migrate', '--dry-run');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Dry run: 2 changes planned, nothing applied\. Statements:\n/);
      const teams = r.stdout.search(new RegExp(`CREATE TABLE IF NOT EXISTS ${id('cmd_teams')}`));
      const members = r.stdout.search(
        new RegExp(`CREATE TABLE IF NOT EXISTS ${id('cmd_members')}`),
      );
      expect(teams).toBeGreaterThan(0);
      expect(members).toBeGreaterThan(teams);
      expect(await v1.registry.schema(Team).schemaExists()).toBe(false);
      expect(await v1.registry.schema(Member).schemaExists()).toBe(false);
    });

    it('lists the planned statements per step in json mode', async () => {
      const plan = await v1.json('db', 'migrate', '--dry-run');
      expect(plan.dryRun).toBe(true);
      expect(plan.steps.map((s: { table: string; action: string }) => [s.table, s.action])).toEqual(
        [
          ['cmd_teams', 'create table'],
          ['cmd_members', 'create table'],
        ],
      );
      expect(plan.statements.length).toBeGreaterThanOrEqual(2);
      expect(plan.unresolved).toEqual([]);
      expect(await v1.registry.schema(Team).schemaExists()).toBe(false);
    });
  });

  describe('create-all and seed', () => {
    it('creates the missing tables, then reports nothing to create', async () => {
      const first = await v1.run('db', 'create-all');
      expect(first).toEqual({
        code: 0,
        stdout: 'Created 2 tables: cmd_teams, cmd_members.\n',
        stderr: '',
      });
      expect(await v1.run('db', 'create-all')).toEqual({
        code: 0,
        stdout: 'Nothing to create: all 2 tables exist.\n',
        stderr: '',
      });
      expect(await v1.json('db', 'create-all')).toEqual({
        created: [],
        existing: ['cmd_members', 'cmd_teams'],
      });
    });

    it('reports the schema up to date after create-all', async () => {
      const r = await v1.run('db', 'status', '--check');
      expect(r).toEqual({
        code: 0,
        stdout: `Schema is up to date: 2 tables match their models (registry 'default', ${v1.registry.dialect}).\n`,
        stderr: '',
      });
      expect(await v1.json('db', 'status')).toMatchObject({ upToDate: true });
      expect(await v1.run('db', 'migrate', '--dry-run')).toMatchObject({
        code: 0,
        stdout: 'Nothing to migrate: every registered table and column exists.\n',
      });
    });

    it('runs each seeder once: a second db seed skips it and adds no rows', async () => {
      expect(await v1.run('db', 'seed')).toEqual({
        code: 0,
        stdout: 'TeamsSeeder: ran\n',
        stderr: '',
      });
      expect(await v1.run('db', 'seed')).toEqual({
        code: 0,
        stdout: 'TeamsSeeder: already applied, skipped\n',
        stderr: '',
      });
      expect(await v1.json('db', 'seed')).toEqual([{ name: 'TeamsSeeder', ran: false }]);
      expect(await v1.registry.manager(Team).count()).toBe(1);
    });

    it('runs a seeder again with --rerun and rejects an unknown seeder name', async () => {
      expect((await v1.run('db', 'seed', 'TeamsSeeder', '--rerun')).stdout).toBe(
        'TeamsSeeder: ran\n',
      );
      expect(await v1.registry.manager(Team).count()).toBe(2);
      const unknown = await v1.run('db', 'seed', 'NoSuchSeeder');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Error: Unknown seeder(s) NoSuchSeeder');
      expect(await v1.registry.manager(Team).count()).toBe(2);
      await v1.registry.manager(Team).deleteWhere({ id__gt: 1 } as any);
      expect(await v1.registry.manager(Team).count()).toBe(1);
    });
  });

  describe('a model change through TypeORM migrations', () => {
    let v2: Console;
    let generatedPath: string;
    let className: string;

    beforeAll(async () => {
      v2 = await startConsole(target(), { models: [TeamV2], migrationsDir });
    });
    afterAll(async () => v2?.close());

    it('reports the new column as missing', async () => {
      const r = await v2.run('db', 'status');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Schema drift in 1 of 1 tables/);
      expect(r.stdout).toMatch(/cmd_teams\s+TeamV2: missing columns motto/);
      const report = await v2.json('db', 'status');
      expect(report.tables[0]).toMatchObject({ status: 'drift', missingColumns: ['motto'] });
    });

    it('prints the ADD COLUMN statement with migrate --dry-run and leaves the table alone', async () => {
      const r = await v2.run('db', 'migrate', '--dry-run');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Dry run: 1 change planned/);
      expect(r.stdout).toMatch(
        new RegExp(`ALTER TABLE ${id('cmd_teams')} ADD (COLUMN )?${id('motto')}`),
      );
      expect(await v2.registry.schema(TeamV2).columnNames()).not.toContain('motto');
    });

    it('writes a migration file with migration:generate and prints its path', async () => {
      const r = await v2.run('db', 'migration:generate', 'add-motto');
      expect(r.code).toBe(0);
      const match = /^Generated (AddMotto\d+) \(\d+ statements?\): (.+)\n$/.exec(r.stdout);
      expect(match).not.toBeNull();
      className = match![1];
      generatedPath = match![2];
      expect(generatedPath.startsWith(migrationsDir)).toBe(true);
      expect(readdirSync(migrationsDir)).toEqual([generatedPath.slice(migrationsDir.length + 1)]);
      const source = readFileSync(generatedPath, 'utf8');
      expect(source).toContain(`export class ${match![1]} implements MigrationInterface`);
      expect(source).toMatch(/motto/);
      expect(await v2.registry.schema(TeamV2).columnNames()).not.toContain('motto');
    });

    it('refuses a migration name that is not a plain word (exit 1, no file)', async () => {
      const r = await v2.run('db', 'migration:generate', '../escape');
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^Error: Migration name '\.\.\/escape' must start with a letter/);
      expect(readdirSync(migrationsDir)).toHaveLength(1);
    });

    it('runs the migration, after which status is clean, then reverts it', async () => {
      // A new process in real use: the registry reads the migrations folder when it opens.
      const next = await startConsole(target(), { models: [TeamV2], migrationsDir });
      try {
        const name = className;
        expect(await next.run('db', 'migration:status')).toEqual({
          code: 0,
          stdout: `[ ] ${name}\n0 migrations executed, 1 pending.\n`,
          stderr: '',
        });
        const ran = await next.run('db', 'migration:run');
        expect(ran).toEqual({ code: 0, stdout: `Ran 1 migration: ${name}.\n`, stderr: '' });
        expect((await next.run('db', 'status', '--check')).stdout).toMatch(
          /^Schema is up to date: 1 table matches its model/,
        );
        expect((await next.run('db', 'migration:run')).stdout).toBe('No pending migrations.\n');
        expect(await next.json('db', 'migration:status')).toEqual([{ name, executed: true }]);
        expect(await next.registry.manager(TeamV2).require({ name: 'Core' })).toMatchObject({
          motto: null,
        });

        expect(await next.run('db', 'migration:revert')).toEqual({
          code: 0,
          stdout: `Reverted ${name}.\n`,
          stderr: '',
        });
        expect((await next.json('db', 'status')).tables[0].missingColumns).toEqual(['motto']);
        expect(await next.json('db', 'migration:revert')).toEqual({ reverted: null });
        expect(await next.registry.manager(TeamV2).count()).toBe(1);
      } finally {
        await next.close();
      }
    });

    it('adds the missing column with migrate (additive) and keeps the rows', async () => {
      const r = await v2.run('db', 'migrate');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Applied 1 change:\n/);
      expect(r.stdout).toMatch(
        new RegExp(`ALTER TABLE ${id('cmd_teams')} ADD (COLUMN )?${id('motto')}`),
      );
      expect(await v2.json('db', 'status')).toMatchObject({ upToDate: true });
      expect((await v2.run('db', 'migrate')).stdout).toBe(
        'Nothing to migrate: every registered table and column exists.\n',
      );
      expect(await v2.registry.manager(TeamV2).count()).toBe(1);
    });

    it('leaves drift it cannot fix additively to a real migration and names it', async () => {
      // Back on the first release the new column is an extra one.
      const r = await v1.run('db', 'migrate', '--dry-run');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Nothing to migrate');
      expect(r.stdout).toContain('cmd_teams.motto: extra column');
      const plan = await v1.json('db', 'migrate', '--dry-run');
      expect(plan.unresolved).toEqual([
        { model: 'Team', table: 'cmd_teams', column: 'motto', issue: 'extra column' },
      ]);
    });

    it('names a changed column type as drift that only a real migration can fix', async () => {
      const retyped = await startConsole(target(), { models: [TeamRetyped], migrationsDir });
      try {
        const status = await retyped.run('db', 'status');
        expect(status.code).toBe(0);
        expect(status.stdout).toMatch(
          /cmd_teams\s+TeamRetyped: types differ on name \(string, expected \w+\)/,
        );
        const plan = await retyped.json('db', 'migrate', '--dry-run');
        expect(plan.statements).toEqual([]);
        expect(plan.unresolved).toEqual([
          expect.objectContaining({ table: 'cmd_teams', column: 'name', issue: 'type differs' }),
        ]);
        const applied = await retyped.run('db', 'migrate');
        expect(applied.code).toBe(0);
        expect(applied.stdout).toMatch(
          /^Nothing to migrate: .*\nNot changed by additive migration/,
        );
        expect(applied.stdout).toContain('cmd_teams.name: type differs (string, expected');
        expect((await retyped.run('db', 'status', '--check')).code).toBe(1);
      } finally {
        await retyped.close();
      }
    });
  });

  describe('a failing seeder', () => {
    it('exits 1, keeps neither its rows nor its ledger entry, and runs again next time', async () => {
      const cli = await startConsole(target(), {
        models: [Team],
        migrationsDir,
        providers: [TeamsSeeder, FlakySeeder],
      });
      try {
        const before = await cli.registry.manager(Team).count();
        failSeeding = true;
        const failed = await cli.run('db', 'seed');
        expect(failed).toMatchObject({ code: 1, stdout: '' });
        expect(failed.stderr).toBe('Error: flaky seeder failed on purpose\n');
        expect(await cli.registry.manager(Team).count()).toBe(before);

        failSeeding = false;
        expect((await cli.run('db', 'seed')).stdout).toBe(
          'TeamsSeeder: already applied, skipped\nFlakySeeder: ran\n',
        );
        expect(await cli.registry.manager(Team).count()).toBe(before + 1);
        expect((await cli.run('db', 'seed')).stdout).toBe(
          'TeamsSeeder: already applied, skipped\nFlakySeeder: already applied, skipped\n',
        );
      } finally {
        await cli.close();
      }
    });
  });

  describe('a statement that fails while migrating', () => {
    it('raises MigrationError naming it; SQLite and PostgreSQL keep none of the earlier ones', async () => {
      const db = new DatabaseRegistry({ url: target().url, autoCreate: false });
      try {
        const plan = {
          dryRun: true,
          statements: [
            'CREATE TABLE cmd_partial (id integer)',
            'ALTER TABLE cmd_nowhere ADD COLUMN x integer',
          ],
          steps: [
            {
              model: 'Partial',
              table: 'cmd_partial',
              action: 'create table' as const,
              statements: ['CREATE TABLE cmd_partial (id integer)'],
            },
            {
              model: 'Nowhere',
              table: 'cmd_nowhere',
              action: 'add column' as const,
              column: 'x',
              statements: ['ALTER TABLE cmd_nowhere ADD COLUMN x integer'],
            },
          ],
          unresolved: [],
        };
        const error = await db.sync.apply(plan).catch((e) => e);
        expect(error).toBeInstanceOf(MigrationError);
        expect(error.message).toMatch(
          /^Additive migration: statement 2 of 2 failed \(add column on 'cmd_nowhere'\): /,
        );
        expect(error.context).toMatchObject({ operation: 'migrate', table: 'cmd_nowhere' });
        const partial = await db.connection.query(
          target().dialect === 'sqlite'
            ? "SELECT name FROM sqlite_master WHERE name = 'cmd_partial'"
            : "SELECT table_name FROM information_schema.tables WHERE table_name = 'cmd_partial' AND table_schema = " +
                (target().dialect === 'postgres' ? 'current_schema()' : 'DATABASE()'),
        );
        // MariaDB commits each DDL statement; the others roll the whole plan back.
        expect(partial).toHaveLength(target().dialect === 'mariadb' ? 1 : 0);
      } finally {
        await db.dispose();
      }
    });
  });

  describe('tables that reference each other', () => {
    it('plans the closing foreign key after both tables and applies the plan', async () => {
      const cli = await startConsole(target(), { models: [Left, Right], migrationsDir });
      try {
        const plan = await cli.json('db', 'migrate', '--dry-run');
        const steps = plan.steps.map((s: { table: string; action: string; column?: string }) =>
          [s.table, s.action, s.column].filter(Boolean).join(' '),
        );
        if (target().dialect === 'sqlite') {
          // SQLite checks foreign keys on writes only, so both are declared inline.
          expect(steps).toEqual(['cmd_right create table', 'cmd_left create table']);
        } else {
          expect(steps).toEqual([
            'cmd_right create table',
            'cmd_left create table',
            'cmd_right add foreign key left_id',
          ]);
          expect(plan.statements[plan.statements.length - 1]).toMatch(
            new RegExp(
              `^ALTER TABLE ${id('cmd_right')} ADD CONSTRAINT .*FOREIGN KEY \\(${id('left_id')}\\)`,
            ),
          );
        }
        expect(await cli.registry.schema(Left).schemaExists()).toBe(false);

        const applied = await cli.json('db', 'migrate');
        expect(applied).toEqual({ ...plan, dryRun: false });
        expect(await cli.json('db', 'status')).toMatchObject({ upToDate: true });
        const left = await cli.registry.manager(Left).create({});
        const right = await cli.registry.manager(Right).create({ leftId: left.id });
        await cli.registry.manager(Left).updateWhere({ id: left.id }, { rightId: right.id });
        await expect(cli.registry.manager(Right).create({ leftId: 999 })).rejects.toThrow();
      } finally {
        await cli.close();
      }
    });
  });

  describe('health', () => {
    it('connects and answers { status, dialect, latencyMs }', async () => {
      const report = await v1.json('db', 'health');
      expect(Object.keys(report)).toEqual(['status', 'dialect', 'latencyMs']);
      expect(report.status).toBe('ok');
      expect(report.dialect).toBe(v1.registry.dialect);
      expect(typeof report.latencyMs).toBe('number');
      expect(report.latencyMs).toBeGreaterThanOrEqual(0);
      const plain = await v1.run('db', 'health');
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/^status:\s+ok\ndialect:\s+\w+\nlatencyMs:\s+[\d.]+\n$/);
    });

    it('exits 1 with a redacted URL when the database is unreachable', async () => {
      const password = 'Sup3r-secret-pw';
      const url =
        target().dialect === 'sqlite'
          ? 'sqlite:/dev/null/registers/x.db' // a file where a folder should be
          : target().dialect === 'postgres'
            ? `postgres://postgres:${password}@127.0.0.1:1/nowhere`
            : `mysql://root:${password}@127.0.0.1:1/nowhere`;
      const down = await startConsole(target(), { models: [Team], url, migrationsDir });
      try {
        const r = await down.run('db', 'health');
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/^Error: Could not open the \w+ database .+: .+\n$/);
        expect(r.stderr).not.toContain(password);
        if (target().dialect !== 'sqlite') expect(r.stderr).toContain(':***@127.0.0.1:1/nowhere');

        const json = await down.run('db', 'health', '--output', 'json');
        expect(json.code).toBe(1);
        const { error } = JSON.parse(json.stderr);
        expect(error.type).toBe('DatabaseUnreachableError');
        expect(error.context).toMatchObject({ command: 'db health', registry: 'default' });
        expect(json.stderr).not.toContain(password);

        if (target().dialect === 'mariadb') {
          // The server answers but refuses the login: the same error, still without the password.
          const login = new URL(target().url);
          login.password = password;
          const refused = await startConsole(target(), {
            models: [Team],
            url: login.toString(),
            migrationsDir,
          });
          try {
            const denied = await refused.run('db', 'health');
            expect(denied.code).toBe(1);
            expect(denied.stderr).toMatch(
              /^Error: Could not open the mysql database .*Access denied/,
            );
            expect(denied.stderr).not.toContain(password);
          } finally {
            await refused.close();
          }
        }

        const debug = await down.run('db', 'health', '--debug');
        expect(debug.code).toBe(1);
        expect(debug.stderr).toContain('DatabaseUnreachableError');
        expect(debug.stderr).not.toContain(password);

        const status = await down.run('db', 'status');
        expect(status.code).toBe(1);
        expect(status.stderr).toMatch(/^Error: Could not open the/);
        expect(status.stderr).not.toContain(password);
      } finally {
        await down.close();
      }
    });
  });
});
