import 'reflect-metadata';
import { IsEmail, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DatabaseRegistry,
  Field,
  ForeignKeyViolationError,
  Model,
  SCHEMA_MIGRATIONS_TABLE,
} from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';

// The models and calls of libs/registers-db/README.md, run as written.
@Model({ table: 'teams' })
class Team {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ unique: true }) @IsString() @MaxLength(60) name!: string;
}

@Model({ table: 'users', unique: ['email'], timestamps: true })
class User {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ index: true, length: 320 }) @IsEmail() email!: string;
  @Field() @IsString() @MaxLength(100) name!: string;
  @Field({ foreignKey: 'teams.id', nullable: true }) @IsOptional() @IsInt() teamId?: number | null;
}

describeEachDialect('README standalone example', (target) => {
  it('creates tables before first use, writes, reads and enforces the foreign key', async () => {
    const db = new DatabaseRegistry({ url: target().url });
    db.register(Team, User);
    const users = db.manager(User);
    try {
      const team = await db.manager(Team).create({ name: 'Core' });
      const ada = await users.create({ email: 'ada@example.com', name: 'Ada', teamId: team.id });
      await db.transaction(async () => {
        await users.create({ email: 'bob@example.com', name: 'Bob' });
      });
      expect(await users.count()).toBe(2);
      expect(typeof ada.id).toBe('number');
      expect((await users.get({ email: 'ada@example.com' }))?.teamId).toBe(team.id);
      await expect(
        users.create({ email: 'eve@example.com', name: 'Eve', teamId: 999 }),
      ).rejects.toBeInstanceOf(ForeignKeyViolationError);
      expect(await db.checkAll()).toBe(true);
    } finally {
      await db.dispose();
    }
  });

  it('runs the production-style lifecycle on the same tables', async () => {
    const db = new DatabaseRegistry({ url: target().url, autoCreate: false });
    db.register(Team, User);
    try {
      expect(await db.createAll()).toEqual([]);
      await db.assertSchemaCurrent();
      expect(
        await db.connection.query(`SELECT version FROM ${SCHEMA_MIGRATIONS_TABLE}`),
      ).toHaveLength(1);
      const diff = await db.diffAll();
      expect(diff.users.ok).toBe(true);
    } finally {
      await db.dispose();
    }
  });

  it('runs the same lifecycle through registry.sync, as the README now writes it', async () => {
    const db = new DatabaseRegistry({ url: target().url, autoCreate: false });
    db.register(Team, User);
    try {
      expect(await db.sync.createAll()).toEqual([]);
      await db.sync.assertCurrent();
      expect(await db.sync.check()).toBe(true);
      expect((await db.sync.diff()).users.ok).toBe(true);
      expect((await db.sync.migrate({ dryRun: false })).users.ok).toBe(true);
      const plan = await db.sync.plan();
      expect(plan.statements).toEqual([]);
      expect((await db.sync.apply(plan)).dryRun).toBe(false);
      expect(await db.connection.query(`SELECT version FROM ${SCHEMA_MIGRATIONS_TABLE}`)).toEqual([
        { version: db.sync.checksum() },
      ]);
      expect(await db.health()).toMatchObject({ ok: true });
    } finally {
      await db.dispose();
    }
  });
});
