import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { DatabaseConnection, DatabaseRegistry, Field, Model } from '@registers/db';
import { describeEachDialect } from '../../../test/support/dialects';

@Model({ table: 'ledger_authors' })
class Author {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'ledger_books' })
class Book {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'ledger_authors.id' }) @IsInt() authorId!: number;
}

@Model({ table: 'ledger_shelves' })
class Shelf {
  @Field({ id: 'autoincrement' }) id?: number;
}

interface SchemaLedgerRow {
  id: number;
  version: string;
  name: string;
  tables: string;
  applied_at: unknown;
}

interface SeedLedgerRow {
  id: number;
  name: string;
  applied_at: unknown;
}

/** Reads rows with a connection of its own: what any other client of the database sees. */
async function readRows<T>(url: string, sql: string): Promise<T[]> {
  const raw = new DatabaseConnection({ url });
  try {
    return await raw.query<T>(sql);
  } finally {
    await raw.close();
  }
}

/**
 * applied_at as the driver returns it: ISO-8601 text on SQLite, UTC DATETIME(3) text on
 * MariaDB (the pool reads dates as text), a Date from PostgreSQL's TIMESTAMPTZ.
 */
function appliedAt(dialect: string, value: unknown): Date {
  if (dialect === 'sqlite') {
    expect(typeof value).toBe('string');
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    return new Date(value as string);
  }
  if (dialect === 'mariadb') {
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    return new Date(`${(value as string).replace(' ', 'T')}Z`);
  }
  expect(value).toBeInstanceOf(Date);
  return value as Date;
}

function expectWithin(date: Date, from: number, to: number): void {
  expect(date.getTime()).toBeGreaterThanOrEqual(from - 1000);
  expect(date.getTime()).toBeLessThanOrEqual(to + 1000);
}

describeEachDialect('registry ledgers', (target) => {
  it('createAll writes one registers_schema_migrations row per schema version', async () => {
    const db = new DatabaseRegistry({ url: target().url, autoCreate: false }).register(
      Author,
      Book,
    );
    const before = Date.now();
    try {
      expect(await db.createAll()).toEqual(['ledger_authors', 'ledger_books']);
      expect(await db.createAll()).toEqual([]);
    } finally {
      await db.dispose();
    }
    const after = Date.now();
    const rows = await readRows<SchemaLedgerRow>(
      target().url,
      'SELECT id, version, name, tables, applied_at FROM registers_schema_migrations',
    );
    expect(rows).toHaveLength(1);
    const { applied_at, ...row } = rows[0];
    expect(row).toEqual({
      id: 1,
      version: db.schemaChecksum(),
      name: 'createAll: ledger_authors, ledger_books',
      tables: JSON.stringify(['ledger_authors', 'ledger_books']),
    });
    expectWithin(appliedAt(target().dialect, applied_at), before, after);
  });

  it('records a changed schema whose tables already exist as "schema changed"', async () => {
    const other = new DatabaseRegistry({ url: target().url }).register(Shelf);
    await other.schema(Shelf).createSchema();
    await other.dispose();
    const db = new DatabaseRegistry({ url: target().url }).register(Author, Book, Shelf);
    try {
      expect(await db.createAll()).toEqual([]);
    } finally {
      await db.dispose();
    }
    const rows = await readRows<SchemaLedgerRow>(
      target().url,
      'SELECT id, version, name, tables FROM registers_schema_migrations ORDER BY id',
    );
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(rows[1]).toEqual({
      id: 2,
      version: db.schemaChecksum(),
      name: 'createAll: schema changed',
      tables: JSON.stringify(['ledger_authors', 'ledger_books', 'ledger_shelves']),
    });
  });

  it('seed writes a registers_seeds row per seeder and a forced rerun updates its time', async () => {
    const db = new DatabaseRegistry({ url: target().url }).register(Author);
    const ran: string[] = [];
    db.addSeeder({ seed: () => void ran.push('authors') }, { name: 'authors' });
    db.addSeeder({ seed: () => void ran.push('books') }, { name: 'books', order: -1 });
    const before = Date.now();
    let firstRun: SeedLedgerRow[];
    try {
      expect(await db.seed()).toEqual([
        { name: 'books', ran: true },
        { name: 'authors', ran: true },
      ]);
      expect(await db.seed()).toEqual([
        { name: 'books', ran: false },
        { name: 'authors', ran: false },
      ]);
      firstRun = await readRows<SeedLedgerRow>(
        target().url,
        'SELECT id, name, applied_at FROM registers_seeds ORDER BY id',
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await db.seed({ force: true, only: ['authors'] })).toEqual([
        { name: 'authors', ran: true },
      ]);
    } finally {
      await db.dispose();
    }
    const after = Date.now();
    expect(ran).toEqual(['books', 'authors', 'authors']);
    expect(firstRun.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: 1, name: 'books' },
      { id: 2, name: 'authors' },
    ]);
    const rows = await readRows<SeedLedgerRow>(
      target().url,
      'SELECT id, name, applied_at FROM registers_seeds ORDER BY id',
    );
    expect(rows.map(({ id, name }) => ({ id, name }))).toEqual([
      { id: 1, name: 'books' },
      { id: 2, name: 'authors' },
    ]);
    const dialect = target().dialect;
    expect(appliedAt(dialect, rows[0].applied_at)).toEqual(
      appliedAt(dialect, firstRun[0].applied_at),
    );
    const rerun = appliedAt(dialect, rows[1].applied_at);
    expect(rerun.getTime()).toBeGreaterThan(appliedAt(dialect, firstRun[1].applied_at).getTime());
    expectWithin(rerun, before, after);
  });
});

// Table names near the identifier limit, so that the createAll row's name passes 255 characters.
@Model({ table: 'ledger_long_name_table_number_one_padded_to_sixty_characters' })
class LongOne {
  @Field({ id: 'autoincrement' }) id?: number;
}
@Model({ table: 'ledger_long_name_table_number_two_padded_to_sixty_characters' })
class LongTwo {
  @Field({ id: 'autoincrement' }) id?: number;
}
@Model({ table: 'ledger_long_name_table_number_three_padded_to_sixty_character' })
class LongThree {
  @Field({ id: 'autoincrement' }) id?: number;
}
@Model({ table: 'ledger_long_name_table_number_four_padded_to_sixty_characters' })
class LongFour {
  @Field({ id: 'autoincrement' }) id?: number;
}
@Model({ table: 'ledger_long_name_table_number_five_padded_to_sixty_characters' })
class LongFive {
  @Field({ id: 'autoincrement' }) id?: number;
}

describeEachDialect(
  'registry ledgers without a length check',
  (target) => {
    it('keeps a createAll name longer than the VARCHAR(255) column declares (SQLite stores it)', async () => {
      const models = [LongOne, LongTwo, LongThree, LongFour, LongFive];
      const db = new DatabaseRegistry({ url: target().url }).register(models);
      let created: string[];
      try {
        created = await db.createAll();
      } finally {
        await db.dispose();
      }
      const name = `createAll: ${created.join(', ')}`;
      expect(name.length).toBeGreaterThan(255);
      const rows = await readRows<SchemaLedgerRow>(
        target().url,
        'SELECT name FROM registers_schema_migrations',
      );
      expect(rows).toEqual([{ name }]);
    });

    it('keeps a seeder name longer than 255 characters (SQLite stores it)', async () => {
      const name = `seeder-${'x'.repeat(300)}`;
      const db = new DatabaseRegistry({ url: target().url });
      db.addSeeder({ seed: () => undefined }, { name });
      try {
        expect(await db.seed()).toEqual([{ name, ran: true }]);
        expect(await db.seed()).toEqual([{ name, ran: false }]);
      } finally {
        await db.dispose();
      }
      const rows = await readRows<SeedLedgerRow>(target().url, 'SELECT name FROM registers_seeds');
      expect(rows).toEqual([{ name }]);
    });
  },
  { only: ['sqlite'] },
);
