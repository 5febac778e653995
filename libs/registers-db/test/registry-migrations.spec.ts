import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsOptional, IsString } from 'class-validator';
import {
  ConfigurationError,
  DatabaseRegistry,
  DatabaseRegistryOptions,
  Field,
  Model,
} from '@registers/db';
import { describeEachDialect, DialectTarget } from '../../../test/support/dialects';

@Model({ table: 'mig_teams' })
class Team {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'mig_teams' })
class TeamV2 {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field() @IsOptional() @IsString() motto?: string | null;
}

function registry(target: DialectTarget, options: DatabaseRegistryOptions = {}): DatabaseRegistry {
  return new DatabaseRegistry({ url: target.url, ...options });
}

describeEachDialect('TypeORM migrations from model changes', (target) => {
  let directory: string;
  let migrationClass: Function;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'registers-migrations-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('has nothing to generate when the tables match the models', async () => {
    const db = registry(target()).register(Team);
    try {
      await db.createAll();
      await db.manager(Team).create({ name: 'Core' });
      expect((await db.schemaChanges()).up).toEqual([]);
      expect(await db.generateMigration('nothing', { directory })).toBeNull();
    } finally {
      await db.dispose();
    }
  });

  it('writes a TypeORM migration for a field added to a model', async () => {
    const db = registry(target(), { autoCreate: false }).register(TeamV2);
    try {
      const generated = await db.generateMigration('add-motto', {
        directory,
        timestamp: 1700000000000,
      });
      expect(generated).not.toBeNull();
      expect(generated!.className).toBe('AddMotto1700000000000');
      expect(generated!.path).toBe(join(directory, '1700000000000-add-motto.ts'));
      const source = readFileSync(generated!.path, 'utf8');
      expect(source).toContain('export class AddMotto1700000000000 implements MigrationInterface');
      expect(source).toMatch(/motto/);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- load the generated file as TypeORM would
      migrationClass = require(generated!.path).AddMotto1700000000000;
      expect(typeof migrationClass).toBe('function');
    } finally {
      await db.dispose();
    }
  });

  it('runs, reports and reverts the generated migration, keeping the rows', async () => {
    const db = registry(target(), { autoCreate: false, migrations: [migrationClass] }).register(
      TeamV2,
    );
    try {
      expect(await db.migrationStatus()).toEqual([
        { name: 'AddMotto1700000000000', executed: false },
      ]);
      expect((await db.diffAll()).mig_teams.missingColumns).toEqual(['motto']);
      expect(await db.runMigrations()).toEqual(['AddMotto1700000000000']);
      expect(await db.migrationStatus()).toEqual([
        { name: 'AddMotto1700000000000', executed: true },
      ]);
      await db.assertSchemaCurrent();
      expect(await db.runMigrations()).toEqual([]);
      const core = await db.manager(TeamV2).require({ name: 'Core' });
      expect(core.motto).toBeNull();
      expect(await db.revertMigration()).toBe('AddMotto1700000000000');
      expect((await db.diffAll()).mig_teams.missingColumns).toEqual(['motto']);
      expect(await db.revertMigration()).toBeNull();
      expect(await db.connection.query('SELECT id FROM mig_teams')).toHaveLength(1);
    } finally {
      await db.dispose();
    }
  });

  it('refuses migration names that are not plain words', async () => {
    const db = registry(target()).register(Team);
    try {
      await expect(db.generateMigration('../escape', { directory })).rejects.toBeInstanceOf(
        ConfigurationError,
      );
    } finally {
      await db.dispose();
    }
  });
});
