import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsString } from 'class-validator';
import { DuplicateCommandError } from '@registers/cli';
import {
  ConfigurationError,
  DatabaseRegistry,
  Field,
  getRegistryToken,
  Model,
  RegistersDbModule,
} from '@registers/db';
import { RegistersDbCommandsModule } from '@registers/db/commands';
import { describeEachDialect } from '../../../test/support/dialects';
import { startCliConsole } from './support/console';

@Model({ table: 'console_notes' })
class Note {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() text!: string;
}

@Model({ table: 'console_archived' })
class ArchivedNote {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() text!: string;
}

const COMMANDS = [
  'status',
  'create-all',
  'migrate',
  'migration:generate',
  'migration:run',
  'migration:revert',
  'migration:status',
  'health',
  'seed',
];

// Behaviour of the command module itself; SQLite shows whether a database file appears.
describeEachDialect(
  'the db command module in a console',
  () => {
    let dir: string;
    const files = () => readdirSync(dir).sort();

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'registers-db-console-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('starts, prints help and rejects a mistyped command without creating a database file', async () => {
      const cli = await startCliConsole([
        RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}` }),
        RegistersDbModule.forFeature([Note]),
        RegistersDbCommandsModule.forRoot({ migrationsDir: join(dir, 'migrations') }),
      ]);
      try {
        const program = await cli.run('--help');
        expect(program.code).toBe(0);
        expect(program.stdout).toMatch(/db\s.*Database schema, migrations, health and seeders/);
        const group = await cli.run('help', 'db');
        expect(group.code).toBe(0);
        for (const name of COMMANDS) expect(group.stdout).toMatch(new RegExp(`\\b${name}\\b`));
        expect((await cli.run('db', '--help')).stdout).toBe(group.stdout);
        const migrate = await cli.run('db', 'migrate', '--help');
        expect(migrate.code).toBe(0);
        expect(migrate.stdout).toContain('--dry-run');
        const generate = await cli.run('help', 'db', 'migration:generate');
        expect(generate.stdout).toContain('Usage: ops db migration:generate <name>');
        const typo = await cli.run('db', 'stauts');
        expect(typo.code).toBe(2);
        expect(typo.stderr).toContain("Did you mean 'db status'?");
        expect(cli.app.get(DatabaseRegistry).connection.isOpen).toBe(false);
        expect(files()).toEqual([]);
      } finally {
        await cli.close();
      }
      expect(files()).toEqual([]);
    });

    it('opens the database only when a command runs', async () => {
      const cli = await startCliConsole([
        RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}`, autoCreate: false }),
        RegistersDbModule.forFeature([Note]),
        RegistersDbCommandsModule.forRoot(),
      ]);
      try {
        expect(files()).toEqual([]);
        expect((await cli.run('db', 'health')).code).toBe(0);
        expect(files()).toContain('app.db');
      } finally {
        await cli.close();
      }
    });

    it('fails at startup with a clear message when no registry of that name is provided', async () => {
      await expect(startCliConsole([RegistersDbCommandsModule.forRoot()])).rejects.toThrow(
        ConfigurationError,
      );
      await expect(
        startCliConsole([
          RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}` }),
          RegistersDbCommandsModule.forRoot({ connection: 'archive' }),
        ]),
      ).rejects.toThrow(
        "RegistersDbCommandsModule: no database registry 'archive'. Import RegistersDbModule.forRoot({ name: 'archive' }) in the console module.",
      );
      expect(files()).toEqual([]);
    });

    it('serves a second registry under its own group, each set of commands on its own database', async () => {
      const cli = await startCliConsole([
        RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}`, autoCreate: false }),
        RegistersDbModule.forRoot({
          name: 'archive',
          url: `sqlite:${join(dir, 'archive.db')}`,
          autoCreate: false,
        }),
        RegistersDbModule.forFeature([Note]),
        RegistersDbModule.forFeature([ArchivedNote], 'archive'),
        RegistersDbCommandsModule.forRoot(),
        RegistersDbCommandsModule.forRoot({ connection: 'archive', group: 'archive-db' }),
      ]);
      try {
        expect((await cli.run('help')).stdout).toMatch(/archive-db\s.*\(registry 'archive'\)/);
        expect(await cli.run('archive-db', 'create-all')).toEqual({
          code: 0,
          stdout: 'Created 1 table: console_archived.\n',
          stderr: '',
        });
        expect(files()).toEqual(['archive.db', 'archive.db-shm', 'archive.db-wal']);
        const status = await cli.run('db', 'status');
        expect(status.stdout).toMatch(
          /^Schema drift in 1 of 1 tables \(registry 'default', sqlite\)/,
        );
        expect(status.stdout).toMatch(/console_notes\s+Note: table missing/);
        expect((await cli.run('archive-db', 'status')).stdout).toMatch(
          /^Schema is up to date: 1 table matches its model \(registry 'archive', sqlite\)/,
        );
        const archive = cli.app.get<DatabaseRegistry>(getRegistryToken('archive') as string);
        expect(await archive.schema(ArchivedNote).schemaExists()).toBe(true);
      } finally {
        await cli.close();
      }
    });

    it('refuses two command sets under the same group at startup', async () => {
      await expect(
        startCliConsole([
          RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}` }),
          RegistersDbModule.forRoot({ name: 'archive', url: `sqlite:${join(dir, 'archive.db')}` }),
          RegistersDbCommandsModule.forRoot(),
          RegistersDbCommandsModule.forRoot({ connection: 'archive' }),
        ]),
      ).rejects.toThrow(DuplicateCommandError);
    });

    it('reports a registry without models or seeders plainly', async () => {
      const cli = await startCliConsole([
        RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}` }),
        RegistersDbCommandsModule.forRoot(),
      ]);
      try {
        expect((await cli.run('db', 'status')).stdout).toBe(
          "No models are registered (registry 'default', sqlite).\n",
        );
        expect((await cli.run('db', 'create-all')).stdout).toBe(
          "No models are registered (registry 'default').\n",
        );
        expect((await cli.run('db', 'seed')).stdout).toBe(
          "No seeders are registered for registry 'default'.\n",
        );
        expect((await cli.run('db', 'seed', '--output', 'json')).stdout).toBe('[]\n');
        expect((await cli.run('db', 'migration:generate', 'noop')).stdout).toBe(
          'No schema changes: the database matches the models, no migration written.\n',
        );
      } finally {
        await cli.close();
      }
    });

    it('refuses migration:run when the migrations folder holds files the registry was not given', async () => {
      const migrationsDir = join(dir, 'migrations');
      const cli = await startCliConsole([
        RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}` }),
        RegistersDbModule.forFeature([Note]),
        RegistersDbCommandsModule.forRoot({ migrationsDir, migrationExtension: 'js' }),
      ]);
      try {
        expect((await cli.run('db', 'migration:run')).stdout).toBe('No pending migrations.\n');
        expect((await cli.run('db', 'migration:status')).stdout).toBe(
          "No migrations are configured for registry 'default'.\n",
        );
        const generated = await cli.run('db', 'migration:generate', 'create-notes');
        expect(generated.code).toBe(0);
        writeFileSync(join(migrationsDir, 'types.d.ts'), 'export {};\n');
        const r = await cli.run('db', 'migration:run');
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(
          `Error: ${migrationsDir} holds 1 migration file but registry 'default' knows no migrations: ` +
            `pass them to RegistersDbModule.forRoot({ migrations: ['${migrationsDir}/*.js'] }) (or the migration classes).\n`,
        );
        const json = await cli.run('db', 'migration:revert', '--output', 'json');
        expect(json.code).toBe(1);
        expect(JSON.parse(json.stderr).error).toMatchObject({
          type: 'MigrationsNotConfiguredError',
          context: { command: 'db migration:revert', directory: migrationsDir },
        });
        expect(await cli.app.get(DatabaseRegistry).schema(Note).schemaExists()).toBe(false);
      } finally {
        await cli.close();
      }
    });

    it('applies the statements its dry run printed, after which nothing is left to plan', async () => {
      const cli = await startCliConsole([
        RegistersDbModule.forRoot({ url: `sqlite:${join(dir, 'app.db')}`, autoCreate: false }),
        RegistersDbModule.forFeature([Note, ArchivedNote]),
        RegistersDbCommandsModule.forRoot(),
      ]);
      try {
        const dryRun = ['db', 'migrate', '--dry-run', '--output', 'json'];
        const planned = JSON.parse((await cli.run(...dryRun)).stdout);
        expect(planned).toMatchObject({ dryRun: true });
        expect(planned.statements).toHaveLength(2);
        const applied = JSON.parse((await cli.run('db', 'migrate', '--output', 'json')).stdout);
        expect(applied).toEqual({ ...planned, dryRun: false });
        expect((await cli.run('db', 'status', '--check')).code).toBe(0);
        expect(JSON.parse((await cli.run(...dryRun)).stdout)).toEqual({
          dryRun: true,
          statements: [],
          steps: [],
          unresolved: [],
        });
      } finally {
        await cli.close();
      }
    });
  },
  { only: ['sqlite'] },
);
