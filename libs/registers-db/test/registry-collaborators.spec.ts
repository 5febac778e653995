import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsInt, IsOptional, IsString } from 'class-validator';
import {
  DatabaseConnection,
  DatabaseRegistry,
  Field,
  Manager,
  MigrationError,
  Migrator,
  Model,
  SchemaSync,
  SeedRunner,
} from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';

@Model({ table: 'collab_teams' })
class Team {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'collab_players' })
class Player {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'collab_teams.id' }) @IsInt() teamId!: number;
}

/** The next release of Team: one new optional column. */
@Model({ table: 'collab_teams' })
class TeamV2 {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
  @Field() @IsOptional() @IsString() motto?: string | null;
}

/** Runs SQL with a connection of its own: what any other client of the database sees. */
async function rawQuery<T = Record<string, unknown>>(url: string, sql: string): Promise<T[]> {
  const raw = new DatabaseConnection({ url });
  try {
    return await raw.query<T>(sql);
  } finally {
    await raw.close();
  }
}

async function dropTables(url: string, tables: string[]): Promise<void> {
  const raw = new DatabaseConnection({ url });
  try {
    for (const table of tables) await raw.execute(`DROP TABLE IF EXISTS ${table}`);
  } finally {
    await raw.close();
  }
}

/**
 * A ledger row with applied_at reduced to the form raw SQL returns it in: text on SQLite
 * and MariaDB (whose pool reads dates as text), a Date on PostgreSQL.
 */
function storedForm(row: Record<string, unknown>) {
  const { applied_at, ...rest } = row;
  return { ...rest, appliedAt: typeof applied_at === 'string' ? 'iso string' : 'Date' };
}

const TABLES = ['collab_players', 'collab_teams', 'registers_schema_migrations', 'registers_seeds'];

describeEachDialect('registry.sync / registry.migrations / registry.seeds', (target) => {
  afterEach(() => dropTables(target().url, TABLES));

  it('exposes the three collaborators as properties', async () => {
    const db = new DatabaseRegistry({ url: target().url }).register(Team);
    try {
      expect(db.sync).toBeInstanceOf(SchemaSync);
      expect(db.migrations).toBeInstanceOf(Migrator);
      expect(db.seeds).toBeInstanceOf(SeedRunner);
      expect(db.sync.checksum()).toBe(db.schemaChecksum());
    } finally {
      await db.dispose();
    }
  });

  it('sync.createAll() and createAll() write the same schema ledger row, through a Manager', async () => {
    const url = target().url;
    const create = jest.spyOn(Manager.prototype, 'create');
    const rows: Array<Record<string, unknown>[]> = [];
    try {
      for (const run of [
        (db: DatabaseRegistry) => db.sync.createAll(),
        (db: DatabaseRegistry) => db.createAll(),
      ]) {
        const db = new DatabaseRegistry({ url, autoCreate: false }).register(Team, Player);
        try {
          expect(await run(db)).toEqual(['collab_teams', 'collab_players']);
          expect(await run(db)).toEqual([]);
        } finally {
          await db.dispose();
        }
        rows.push(await rawQuery(url, 'SELECT * FROM registers_schema_migrations'));
        await dropTables(url, TABLES);
      }
      const ledgerWrites = create.mock.calls.filter(
        ([data]) => (data as { version?: unknown }).version !== undefined,
      );
      expect(ledgerWrites).toHaveLength(2);
      expect(ledgerWrites[0][0]).toMatchObject({
        name: 'createAll: collab_teams, collab_players',
        tables: JSON.stringify(['collab_teams', 'collab_players']),
      });
      expect((ledgerWrites[0][0] as { appliedAt: unknown }).appliedAt).toBeInstanceOf(Date);
    } finally {
      create.mockRestore();
    }
    expect(rows[0]).toHaveLength(1);
    expect(rows[0].map(storedForm)).toEqual(rows[1].map(storedForm));
    expect(storedForm(rows[0][0])).toEqual({
      id: 1,
      version: new DatabaseRegistry({ url }).register(Team, Player).sync.checksum(),
      name: 'createAll: collab_teams, collab_players',
      tables: JSON.stringify(['collab_teams', 'collab_players']),
      appliedAt: target().dialect === 'postgres' ? 'Date' : 'iso string',
    });
  });

  it('seeds.run() and seed() keep the same registers_seeds ledger', async () => {
    const url = target().url;
    const rows: Array<Record<string, unknown>[]> = [];
    const ran: string[] = [];
    for (const api of ['seeds', 'registry'] as const) {
      const db = new DatabaseRegistry({ url }).register(Team);
      const teams = {
        seed: async (r: DatabaseRegistry) => {
          await r.manager(Team).create({ name: api });
        },
      };
      if (api === 'seeds') {
        db.seeds.add(teams, { name: 'teams' }).add(
          { seed: () => void ran.push(api) },
          {
            name: 'first',
            order: -1,
          },
        );
      } else {
        db.addSeeder(teams, { name: 'teams' }).addSeeder(
          { seed: () => void ran.push(api) },
          {
            name: 'first',
            order: -1,
          },
        );
      }
      try {
        expect(api === 'seeds' ? db.seeds.names() : db.seederNames()).toEqual(['first', 'teams']);
        const run = (options?: { force?: boolean; only?: string[] }) =>
          api === 'seeds' ? db.seeds.run(options) : db.seed(options);
        expect(await run()).toEqual([
          { name: 'first', ran: true },
          { name: 'teams', ran: true },
        ]);
        expect(await run()).toEqual([
          { name: 'first', ran: false },
          { name: 'teams', ran: false },
        ]);
        expect(await run({ force: true, only: ['first'] })).toEqual([{ name: 'first', ran: true }]);
        expect(await db.manager(Team).valuesList('name')).toEqual([api]);
      } finally {
        await db.dispose();
      }
      rows.push(await rawQuery(url, 'SELECT * FROM registers_seeds ORDER BY id'));
      await dropTables(url, TABLES);
    }
    expect(ran).toEqual(['seeds', 'seeds', 'registry', 'registry']);
    expect(rows[0].map(storedForm)).toEqual([
      { id: 1, name: 'first', appliedAt: target().dialect === 'postgres' ? 'Date' : 'iso string' },
      { id: 2, name: 'teams', appliedAt: target().dialect === 'postgres' ? 'Date' : 'iso string' },
    ]);
    expect(rows[1].map(storedForm)).toEqual(rows[0].map(storedForm));
  });

  it('sync.diff/check/assertCurrent/migrate answer as diffAll/checkAll/assertSchemaCurrent/migrate', async () => {
    const url = target().url;
    const before = new DatabaseRegistry({ url }).register(Team, Player);
    await before.sync.createAll();
    await before.dispose();
    const db = new DatabaseRegistry({ url, autoCreate: false }).register(TeamV2, Player);
    try {
      expect(await db.sync.diff()).toEqual(await db.diffAll());
      expect((await db.sync.diff()).collab_teams.missingColumns).toEqual(['motto']);
      expect(await db.sync.check()).toBe(false);
      expect(await db.checkAll()).toBe(false);
      const viaSync = await db.sync.assertCurrent().catch((e) => e);
      const viaRegistry = await db.assertSchemaCurrent().catch((e) => e);
      expect(viaSync).toBeInstanceOf(MigrationError);
      expect(viaSync.message).toBe(viaRegistry.message);
      expect(viaSync.message).toContain('collab_teams: missing columns motto');
      expect(await db.sync.migrate()).toEqual(await db.migrate());
      const migrated = await db.sync.migrate({ dryRun: false });
      expect(migrated.collab_teams.ok).toBe(true);
      expect(migrated.collab_players.ok).toBe(true);
      expect(await db.sync.check()).toBe(true);
    } finally {
      await db.dispose();
    }
  });

  it('sync.plan() lists the additive statements and sync.apply() runs them and records the ledger', async () => {
    const url = target().url;
    const db = new DatabaseRegistry({ url, autoCreate: false }).register(Team, Player);
    try {
      const plan = await db.sync.plan();
      expect(plan.dryRun).toBe(true);
      expect(plan.steps.map((s) => [s.table, s.action])).toEqual([
        ['collab_teams', 'create table'],
        ['collab_players', 'create table'],
      ]);
      expect(plan.statements).toEqual(plan.steps.flatMap((s) => s.statements));
      expect(plan.unresolved).toEqual([]);
      expect(await db.sync.check()).toBe(false);
      const applied = await db.sync.apply(plan);
      expect(applied).toEqual({ ...plan, dryRun: false });
      expect(await db.sync.check()).toBe(true);
      expect((await db.sync.plan()).statements).toEqual([]);
      const ledger = await rawQuery<{ version: string }>(
        url,
        'SELECT version FROM registers_schema_migrations',
      );
      expect(ledger).toEqual([{ version: db.sync.checksum() }]);
    } finally {
      await db.dispose();
    }
  });
});

describeEachDialect(
  'registry.migrations',
  (target) => {
    let directory: string;

    beforeAll(() => {
      directory = mkdtempSync(join(tmpdir(), 'registers-collab-migrations-'));
    });
    afterAll(() => rmSync(directory, { recursive: true, force: true }));

    it('generates a TypeScript or a CommonJS migration from the same changes', async () => {
      const db = new DatabaseRegistry({ url: target().url, autoCreate: false }).register(Team);
      try {
        const changes = await db.migrations.changes();
        expect(changes).toEqual(await db.schemaChanges());
        expect(changes.up.length).toBeGreaterThan(0);
        const ts = await db.migrations.generate('add-teams', { directory, timestamp: 1 });
        const js = await db.migrations.generate('add-teams', {
          directory,
          timestamp: 2,
          extension: 'js',
        });
        expect(ts).toEqual({
          path: join(directory, '1-add-teams.ts'),
          className: 'AddTeams1',
          ...changes,
        });
        expect(js).toEqual({
          path: join(directory, '2-add-teams.js'),
          className: 'AddTeams2',
          ...changes,
        });
        expect(readFileSync(ts!.path, 'utf8')).toContain(
          'export class AddTeams1 implements MigrationInterface',
        );
        expect(readFileSync(js!.path, 'utf8')).toContain('module.exports = { AddTeams2 };');
        expect(await db.migrations.status()).toEqual(await db.migrationStatus());
        expect(await db.migrations.run()).toEqual([]);
        expect(await db.migrations.revert()).toBeNull();
      } finally {
        await db.dispose();
      }
    });
  },
  { only: ['sqlite'] },
);
