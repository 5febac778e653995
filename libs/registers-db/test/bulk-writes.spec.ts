import 'reflect-metadata';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { emptyTables } from './support/registry';
import { Field, Model } from '../src/decorators';
import {
  DuplicateKeyError,
  ForeignKeyViolationError,
  InvalidQueryError,
  UniqueConstraintError,
  ValidationError,
} from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'bulk_teams' })
class Team {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'bulk_members', unique: ['handle'] })
class Member {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() @MaxLength(40) handle!: string;
  @Field({ foreignKey: 'bulk_teams.id', nullable: true }) @IsOptional() @IsInt() teamId?:
    number | null;
  @Field() @IsInt() @Min(0) score: number = 0;
}

@Model({ table: 'bulk_codes', key: 'code' })
class Code {
  @Field({ id: 'manual' }) @IsString() code!: string;
  @Field() @IsString() label!: string;
}

describeEachDialect('Bulk writes', (target) => {
  let db: DatabaseRegistry;
  let team: Team;
  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Team, Member, Code);
    team = await db.manager(Team).create({ name: 'core' });
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [Member, Code]));
  const members = () => db.manager(Member);

  it('bulkCreate([]) returns [] and writes nothing', async () => {
    expect(await members().bulkCreate([])).toEqual([]);
    expect(await members().count()).toBe(0);
  });

  it('bulkCreate of one statement sends only it; failing inside a transaction it leaves that usable', async () => {
    await members().bulkCreate([{ handle: 'p0' }]); // MariaDB reads its key step once first
    await members().delete((await members().require({ handle: 'p0' })).id!);
    const statements: string[] = [];
    const stop = db.connection.onStatement((sql) => statements.push(sql));
    const transactions = jest.spyOn(db.connection, 'transaction');
    try {
      const pair = await members().bulkCreate([{ handle: 'p1' }, { handle: 'p2' }]);
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/^INSERT/);
      expect(transactions).not.toHaveBeenCalled();
      expect(pair.map((m) => typeof m.id)).toEqual(['number', 'number']);
      const kept = await db.transaction(async () => {
        const refused = await members()
          .bulkCreate([{ handle: 'p3' }, { handle: 'p1' }])
          .catch((e) => e);
        expect(refused).toBeInstanceOf(UniqueConstraintError);
        expect(refused.context.rowIndex).toBe(1);
        return members().bulkCreate([{ handle: 'p4' }, { handle: 'p5' }]);
      });
      expect(kept.map((m) => m.handle)).toEqual(['p4', 'p5']);
      // Besides the outer one: a savepoint only where a failed statement aborts the
      // transaction (PostgreSQL), and for finding the failing row.
      const subtransactions = transactions.mock.calls.length - 1;
      expect(subtransactions).toBe(target().dialect === 'postgres' ? 3 : 1);
    } finally {
      stop();
      transactions.mockRestore();
    }
    const handles = (await members().filter({}, { orderBy: 'handle' })).map((m) => m.handle);
    expect(handles).toEqual(['p1', 'p2', 'p4', 'p5']);
  });

  it('bulkCreate returns records with distinct database keys in input order', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({
      handle: `h${i}`,
      teamId: team.id,
      score: i,
    }));
    const created = await members().bulkCreate(rows);
    expect(created.map((m) => m.handle)).toEqual(rows.map((r) => r.handle));
    expect(new Set(created.map((m) => m.id)).size).toBe(25);
    for (const record of created) {
      expect(record).toBeInstanceOf(Member);
      expect((await members().require(record.id!)).handle).toBe(record.handle);
    }
  });

  it('splits a large batch into statements under the parameter limit', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ handle: `bulk-${i}`, score: i }));
    const created = await members().bulkCreate(rows);
    expect(created).toHaveLength(2500);
    expect(await members().count()).toBe(2500);
    const sample = await members().require({ handle: 'bulk-1999' });
    expect(sample.score).toBe(1999);
    expect(created[1999].id).toBe(sample.id);
  });

  it('one invalid row writes nothing and names the row in a ValidationError', async () => {
    const rows = [{ handle: 'ok-1' }, { handle: 'ok-2' }, { handle: 'bad', score: -5 }];
    const error = await members()
      .bulkCreate(rows)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.context).toMatchObject({
      model: 'Member',
      operation: 'bulkCreate',
      rowIndex: 2,
      fields: ['score'],
    });
    expect(await members().count()).toBe(0);
  });

  it('a unique violation against an existing row writes nothing and names the row', async () => {
    await members().create({ handle: 'taken' });
    const rows = [
      { handle: 'a' },
      { handle: 'b' },
      { handle: 'c' },
      { handle: 'taken' },
      { handle: 'd' },
    ];
    const error = await members()
      .bulkCreate(rows)
      .catch((e) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(error.context).toMatchObject({
      operation: 'bulkCreate',
      rowIndex: 3,
      fields: ['handle'],
    });
    expect(await members().count()).toBe(1);
  });

  it('a duplicate inside the batch itself is found at its second occurrence', async () => {
    const rows = [{ handle: 'x' }, { handle: 'y' }, { handle: 'x' }];
    const error = await members()
      .bulkCreate(rows)
      .catch((e) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(error.context.rowIndex).toBe(2);
    expect(await members().count()).toBe(0);
  });

  it('a duplicate of a row in an earlier statement of the batch is found at its own index', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ handle: `c${i}` }));
    rows[1700] = { handle: 'c10' };
    const error = await members()
      .bulkCreate(rows)
      .catch((e) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(error.context.rowIndex).toBe(1700);
    expect(await members().count()).toBe(0);
  });

  it('a bad row in a later statement rolls back the statements already written', async () => {
    const rows: Array<{ handle: string; teamId?: number }> = Array.from(
      { length: 2100 },
      (_, i) => ({ handle: `r${i}` }),
    );
    rows[2050] = { handle: 'orphan', teamId: 555555 };
    const error = await members()
      .bulkCreate(rows)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ForeignKeyViolationError);
    expect(error.context.rowIndex).toBe(2050);
    expect(await members().count()).toBe(0);
  });

  it('a foreign-key violation writes nothing and raises ForeignKeyViolationError with the row', async () => {
    const rows = [
      { handle: 'p', teamId: team.id },
      { handle: 'q', teamId: 987654 },
    ];
    const error = await members()
      .bulkCreate(rows)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ForeignKeyViolationError);
    expect(error.context).toMatchObject({ model: 'Member', rowIndex: 1, fields: ['teamId'] });
    expect(await members().count()).toBe(0);
  });

  it('a repeated manual key raises DuplicateKeyError with the row index', async () => {
    const error = await db
      .manager(Code)
      .bulkCreate([
        { code: 'A', label: 'a' },
        { code: 'B', label: 'b' },
        { code: 'A', label: 'again' },
      ])
      .catch((e) => e);
    expect(error).toBeInstanceOf(DuplicateKeyError);
    expect(error.context).toMatchObject({ rowIndex: 2, fields: ['code'] });
    expect(await db.manager(Code).count()).toBe(0);
  });

  it('bulkUpsert inserts new rows and updates existing ones in one call', async () => {
    const existing = await members().create({ handle: 'old', score: 1 });
    const result = await members().bulkUpsert([
      { handle: 'old', score: 10 },
      { handle: 'new-1', score: 2 },
      { handle: 'new-2', score: 3 },
    ]);
    expect(result.map((m) => m.handle)).toEqual(['old', 'new-1', 'new-2']);
    expect(result[0].id).toBe(existing.id);
    expect(result[0].score).toBe(10);
    expect(await members().count()).toBe(3);
  });

  it('bulkUpsert with the same key twice keeps the last value', async () => {
    const result = await db.manager(Code).bulkUpsert([
      { code: 'Z', label: 'first' },
      { code: 'Z', label: 'second' },
    ]);
    expect(result.map((c) => c.label)).toEqual(['second', 'second']);
    expect(await db.manager(Code).count()).toBe(1);
  });

  it('bulkUpsert with a foreign-key violation writes nothing and names the row', async () => {
    await members().create({ handle: 'keep', score: 1 });
    const error = await members()
      .bulkUpsert([
        { handle: 'keep', score: 5, teamId: team.id },
        { handle: 'fresh', score: 2 },
        { handle: 'broken', teamId: 777777 },
      ])
      .catch((e) => e);
    expect(error).toBeInstanceOf(ForeignKeyViolationError);
    expect(error.context).toMatchObject({ operation: 'bulkUpsert', rowIndex: 2 });
    expect(await members().count()).toBe(1);
    expect((await members().require({ handle: 'keep' })).score).toBe(1);
  });

  it('bulkUpsert with one invalid row writes nothing', async () => {
    const error = await members()
      .bulkUpsert([
        { handle: 'fine', score: 1 },
        { handle: 'broken', score: Number.NaN },
      ])
      .catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.context.rowIndex).toBe(1);
    expect(await members().count()).toBe(0);
  });

  it('bulkDelete removes by keys and by where, and guards the whole table', async () => {
    const created = await members().bulkCreate(
      Array.from({ length: 6 }, (_, i) => ({ handle: `d${i}`, score: i % 2 })),
    );
    expect(await members().bulkDelete([created[0].id!, created[1].id!, 424242])).toBe(2);
    expect(await members().bulkDelete({ score: 1 })).toBe(2);
    await expect(members().bulkDelete({})).rejects.toBeInstanceOf(InvalidQueryError);
    expect(await members().count()).toBe(2);
    expect(await members().bulkDelete({}, { allowFullTable: true })).toBe(2);
    expect(await members().count()).toBe(0);
  });
});
