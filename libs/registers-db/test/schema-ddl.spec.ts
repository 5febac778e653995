import 'reflect-metadata';
import { IsBoolean, IsDate, IsEnum, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  DatabaseConnection,
  Field,
  MigrationError,
  Model,
  ModelSchema,
  SchemaError,
  getModelMetadata,
} from '@registers/db';
import { cloneModelMetadata } from '../src/metadata/model-metadata.factory';
import { describeEachDialect } from '../../../test/support/dialects';

enum Status {
  Open = 'open',
  Closed = 'closed',
}

@Model({ table: 'ddl_teams' })
class Team {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ unique: true }) @IsString() @MaxLength(40) name!: string;
}

@Model({ table: 'ddl_members', unique: [['org', 'slug']] })
class Member {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() org!: string;
  @Field() @IsString() slug!: string;
  @Field({ index: true }) @IsString() email!: string;
  @Field({ foreignKey: 'ddl_teams.id', nullable: true }) @IsOptional() @IsInt() teamId?:
    number | null;
  @Field({ default: 'open' }) @IsEnum(Status) status!: Status;
  @Field({ default: true }) @IsBoolean() active!: boolean;
  @Field() @IsOptional() @IsDate() joinedAt?: Date | null;
  @Field() @IsOptional() tags?: string[];
}

/** `?` or `$n` placeholders for raw statements in tests. */
function sql(connection: DatabaseConnection, text: string): string {
  let n = 0;
  return connection.dialect === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
}

/**
 * The driver error's message. (Driver errors are matched by message, not `toThrow()`: when
 * several test files share a jest worker, better-sqlite3's error class comes from another realm.)
 */
async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error) => String(error?.message ?? error),
  );
}
const UNIQUE = /unique|duplicate/i;
const FOREIGN_KEY = /foreign key/i;
const CHECK = /check|constraint .*failed/i;

async function indexedColumns(connection: DatabaseConnection, table: string): Promise<string[][]> {
  if (connection.dialect === 'sqlite') {
    const indexes = await connection.query<{ name: string }>(
      'SELECT name FROM pragma_index_list(?)',
      [table],
    );
    const result: string[][] = [];
    for (const { name } of indexes) {
      const cols = await connection.query<{ name: string }>(
        'SELECT name FROM pragma_index_info(?) ORDER BY seqno',
        [name],
      );
      result.push(cols.map((c) => c.name));
    }
    return result;
  }
  if (connection.dialect === 'postgres') {
    const rows = await connection.query<{ indexdef: string }>(
      'SELECT indexdef FROM pg_indexes WHERE tablename = $1',
      [table],
    );
    return rows.map((r) =>
      /\((.*)\)/
        .exec(r.indexdef)![1]
        .split(',')
        .map((c) => c.trim().replace(/"/g, '')),
    );
  }
  const rows = await connection.query<{ name: string; col: string }>(
    'SELECT INDEX_NAME AS name, COLUMN_NAME AS col FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX',
    [table],
  );
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.col]);
  return [...byName.values()];
}

describeEachDialect('model schema DDL', (target) => {
  let connection: DatabaseConnection;
  let teams: ModelSchema<Team>;
  let members: ModelSchema<Member>;

  beforeAll(() => {
    connection = new DatabaseConnection({ url: target().url });
    teams = new ModelSchema(cloneModelMetadata(getModelMetadata(Team)), connection);
    members = new ModelSchema(cloneModelMetadata(getModelMetadata(Member)), connection);
  });
  afterAll(() => connection.close());

  it('creates a table only when it is missing, so createSchema is idempotent', async () => {
    expect(await teams.schemaExists()).toBe(false);
    expect(await teams.createSchema()).toBe(true);
    expect(await teams.createSchema()).toBe(false);
    expect(await teams.schemaExists()).toBe(true);
    expect(await members.createSchema()).toBe(true);
    expect(await members.columnNames()).toEqual([
      'id',
      'org',
      'slug',
      'email',
      'team_id',
      'status',
      'active',
      'joined_at',
      'tags',
    ]);
  });

  it('names the missing referenced table when the database refuses the reference', async () => {
    @Model({ table: 'ddl_sessions' })
    class Session {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field({ foreignKey: 'ddl_accounts.id' }) @IsInt() accountId!: number;
    }
    const sessions = new ModelSchema(cloneModelMetadata(getModelMetadata(Session)), connection);
    if (connection.dialect === 'sqlite') {
      // SQLite accepts forward references; the key is still enforced on writes
      expect(await sessions.createSchema()).toBe(true);
      expect(
        await failure(connection.execute('INSERT INTO ddl_sessions (account_id) VALUES (?)', [1])),
      ).toMatch(/foreign key|no such table/i);
      await sessions.dropSchema();
      return;
    }
    const error = await sessions.createSchema().catch((e) => e);
    expect(error).toBeInstanceOf(SchemaError);
    expect(error.message).toContain("missing referenced table 'ddl_accounts'");
    expect(error.context).toMatchObject({ model: 'Session', field: 'accountId' });
    expect(await sessions.schemaExists()).toBe(false);
  });

  it('generates autoincrement keys and applies column defaults', async () => {
    await connection.execute(sql(connection, 'INSERT INTO ddl_teams (name) VALUES (?)'), ['red']);
    await connection.execute(sql(connection, 'INSERT INTO ddl_teams (name) VALUES (?)'), ['blue']);
    const rows = await connection.query<{ id: number; name: string }>(
      'SELECT id, name FROM ddl_teams ORDER BY id',
    );
    expect(rows.map((r) => [Number(r.id), r.name])).toEqual([
      [1, 'red'],
      [2, 'blue'],
    ]);
    await connection.execute(
      sql(connection, 'INSERT INTO ddl_members (org, slug, email, team_id) VALUES (?, ?, ?, ?)'),
      ['acme', 'a', 'a@x.io', 1],
    );
    const [member] = await connection.query<{ status: string; active: unknown }>(
      'SELECT status, active FROM ddl_members',
    );
    expect(member.status).toBe('open');
    expect(Boolean(Number(member.active) || member.active === true)).toBe(true);
  });

  it('enforces single and composite unique constraints', async () => {
    expect(
      await failure(
        connection.execute(sql(connection, 'INSERT INTO ddl_teams (name) VALUES (?)'), ['red']),
      ),
    ).toMatch(UNIQUE);
    expect(
      await failure(
        connection.execute(
          sql(connection, 'INSERT INTO ddl_members (org, slug, email) VALUES (?, ?, ?)'),
          ['acme', 'a', 'b@x.io'],
        ),
      ),
    ).toMatch(UNIQUE);
    await connection.execute(
      sql(connection, 'INSERT INTO ddl_members (org, slug, email) VALUES (?, ?, ?)'),
      ['other', 'a', 'c@x.io'],
    );
  });

  it('enforces foreign keys: orphans and deleting a referenced parent fail', async () => {
    expect(
      await failure(
        connection.execute(
          sql(
            connection,
            'INSERT INTO ddl_members (org, slug, email, team_id) VALUES (?, ?, ?, ?)',
          ),
          ['acme', 'z', 'z@x.io', 999],
        ),
      ),
    ).toMatch(FOREIGN_KEY);
    expect(
      await failure(connection.execute(sql(connection, 'DELETE FROM ddl_teams WHERE id = ?'), [1])),
    ).toMatch(FOREIGN_KEY);
    expect(await connection.query('SELECT id FROM ddl_teams')).toHaveLength(2);
  });

  it('constrains enum columns to their values', async () => {
    expect(
      await failure(
        connection.execute(
          sql(connection, 'INSERT INTO ddl_members (org, slug, email, status) VALUES (?, ?, ?, ?)'),
          ['acme', 'q', 'q@x.io', 'bogus'],
        ),
      ),
    ).toMatch(CHECK);
  });

  it('indexes fields marked index and backs uniques with indexes', async () => {
    const indexed = await indexedColumns(connection, 'ddl_members');
    expect(indexed).toEqual(expect.arrayContaining([['email'], ['org', 'slug']]));
  });

  it('reports no drift for a freshly created table', async () => {
    const diff = await members.schemaDiff();
    expect(diff).toMatchObject({
      ok: true,
      missingTable: false,
      missingColumns: [],
      extraColumns: [],
      nullableMismatches: [],
      typeMismatches: {},
    });
    expect((await teams.schemaDiff()).ok).toBe(true);
  });

  it('ensureColumn adds a column once and reports whether it did', async () => {
    expect(await members.ensureColumn('archived_at', { type: 'datetime' })).toBe(true);
    expect(await members.ensureColumn('archived_at', { type: 'datetime' })).toBe(false);
    const names = await members.columnNames();
    expect(names.filter((n) => n === 'archived_at')).toHaveLength(1);
    const diff = await members.schemaDiff();
    expect(diff.extraColumns).toEqual(['archived_at']);
    expect(diff.ok).toBe(false);
  });

  it('addColumn refuses an existing column with a SchemaError and backfills NOT NULL columns', async () => {
    await expect(members.addColumn('email', { type: 'string' })).rejects.toBeInstanceOf(
      SchemaError,
    );
    await members.addColumn('nickname', { type: 'string', nullable: false });
    await members.addColumn('visits', { type: 'integer', nullable: false });
    const rows = await connection.query<{ nickname: string; visits: number }>(
      'SELECT nickname, visits FROM ddl_members ORDER BY id',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.nickname).toBe('');
      expect(Number(row.visits)).toBe(0);
    }
    await expect(members.addColumn('bad name', { type: 'string' })).rejects.toBeInstanceOf(
      SchemaError,
    );
    await expect(members.addColumn('when', { type: 'datetime', nullable: false })).rejects.toThrow(
      /needs a default/,
    );
  });

  it('finds missing model columns in the diff and adds them with migrate()', async () => {
    @Model({ table: 'ddl_teams' })
    class TeamV2 {
      @Field({ id: 'autoincrement' }) id?: number;
      @Field({ unique: true }) @IsString() @MaxLength(40) name!: string;
      @Field() @IsOptional() @IsString() motto?: string | null;
    }
    const v2 = new ModelSchema(cloneModelMetadata(getModelMetadata(TeamV2)), connection);
    const dry = await v2.migrate();
    expect(dry.missingColumns).toEqual(['motto']);
    expect(await v2.columnNames()).not.toContain('motto');
    const after = await v2.migrate({ dryRun: false });
    expect(after.ok).toBe(true);
    expect(await v2.columnNames()).toContain('motto');
  });

  it('renames a table, keeps its rows and points the model at the new name', async () => {
    const meta = cloneModelMetadata(getModelMetadata(Team));
    const schema = new ModelSchema(meta, connection);
    const seen: string[] = [];
    schema.onRename((from, to) => seen.push(`${from}->${to}`));
    await schema.renameTable('ddl_teams_archive');
    expect(meta.table).toBe('ddl_teams_archive');
    expect(seen).toEqual(['ddl_teams->ddl_teams_archive']);
    expect(await schema.tableExists('ddl_teams')).toBe(false);
    expect(await schema.schemaExists()).toBe(true);
    expect(await connection.query('SELECT id FROM ddl_teams_archive')).toHaveLength(2);
    expect(await schema.ensureColumn('archived_by', { type: 'string' })).toBe(true);
    expect(await schema.columnNames()).toContain('archived_by');
    await schema.renameTable('ddl_teams');
  });

  it('refuses to rename onto an existing table, an invalid name or a missing table, changing nothing', async () => {
    const meta = cloneModelMetadata(getModelMetadata(Team));
    const schema = new ModelSchema(meta, connection);
    await expect(schema.renameTable('ddl_members')).rejects.toBeInstanceOf(MigrationError);
    await expect(schema.renameTable('x; DROP TABLE ddl_members')).rejects.toBeInstanceOf(
      MigrationError,
    );
    expect(meta.table).toBe('ddl_teams');
    expect(await schema.schemaExists()).toBe(true);
    const ghost = new ModelSchema(
      { ...cloneModelMetadata(getModelMetadata(Team)), table: 'ddl_ghosts' },
      connection,
    );
    await expect(ghost.renameTable('ddl_ghosts2')).rejects.toBeInstanceOf(MigrationError);
  });

  it('truncate removes every row while foreign keys still protect referenced rows', async () => {
    expect(await failure(teams.truncate())).toMatch(FOREIGN_KEY);
    await members.truncate();
    expect(await connection.query('SELECT id FROM ddl_members')).toHaveLength(0);
    await teams.truncate();
    expect(await connection.query('SELECT id FROM ddl_teams')).toHaveLength(0);
  });

  it('drops tables and reports them missing in the diff', async () => {
    await members.dropSchema();
    expect(await members.schemaExists()).toBe(false);
    const diff = await members.schemaDiff();
    expect(diff).toMatchObject({ ok: false, missingTable: true });
    expect(diff.missingColumns).toContain('email');
    await teams.dropSchema();
    expect(await teams.schemaExists()).toBe(false);
  });
});
