import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { InvalidQueryError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'raw_books' })
class Book {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() title!: string;
  @Field() @IsInt() year!: number;
  @Field() published!: Date;
}

describeEachDialect('Raw SQL with named parameters', (target) => {
  let db: DatabaseRegistry;
  const books = () => db.manager(Book);
  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(Book);
    await books().bulkCreate([
      { title: "Ender's Game", year: 1985, published: new Date('1985-01-15T00:00:00Z') },
      { title: 'Dune', year: 1965, published: new Date('1965-08-01T00:00:00Z') },
      { title: 'Neuromancer', year: 1984, published: new Date('1984-07-01T00:00:00Z') },
    ]);
  });
  afterAll(() => db.dispose());

  it('raw hydrates records of the model from a SELECT with :named parameters', async () => {
    const found = await books().raw(
      'SELECT * FROM raw_books WHERE year >= :from AND year < :to ORDER BY year',
      {
        from: 1980,
        to: 1990,
      },
    );
    expect(found.map((b) => b.title)).toEqual(['Neuromancer', "Ender's Game"]);
    expect(found[0]).toBeInstanceOf(Book);
    expect(found[0].published).toBeInstanceOf(Date);
  });

  it('binds one name used twice and leaves :name inside string literals alone', async () => {
    const rows = await books().rawDicts(
      "SELECT title, ':not_a_param' AS tag FROM raw_books WHERE year = :y OR year = :y + 20 ORDER BY year",
      { y: 1965 },
    );
    expect(rows.map((r) => r.title)).toEqual(['Dune', "Ender's Game"]);
    expect(rows[0].tag).toBe(':not_a_param');
  });

  it('binds dates and SQL-looking values as parameters, never as SQL', async () => {
    const sneaky = "x' OR '1'='1";
    expect(
      await books().rawDicts('SELECT id FROM raw_books WHERE title = :t', { t: sneaky }),
    ).toEqual([]);
    const before = await books().rawDicts(
      'SELECT title FROM raw_books WHERE published < :d ORDER BY published',
      {
        d: new Date('1980-01-01T00:00:00Z'),
      },
    );
    expect(before.map((r) => r.title)).toEqual(['Dune']);
  });

  it('executeRaw returns the number of changed rows and joins transactions', async () => {
    await db
      .transaction(async () => {
        expect(
          await books().executeRaw('UPDATE raw_books SET year = year + 1 WHERE year < :y', {
            y: 1985,
          }),
        ).toBe(2);
        throw new Error('undo');
      })
      .catch(() => undefined);
    expect(await books().valuesList('year', undefined, { orderBy: 'year' })).toEqual([
      1965, 1984, 1985,
    ]);
  });

  it('refuses positional placeholders, interpolation markers, missing or unused names and stacked statements', async () => {
    const refusals: Array<[string, Record<string, unknown> | undefined]> = [
      ['SELECT * FROM raw_books WHERE id = ?', undefined],
      ['SELECT * FROM raw_books WHERE id = $1', undefined],
      ['SELECT * FROM raw_books WHERE title = %s', undefined],
      ['SELECT * FROM raw_books WHERE title = {}', undefined],
      ['SELECT * FROM raw_books WHERE id = :id', {}],
      ['SELECT * FROM raw_books', { id: 1 }],
      ['SELECT * FROM raw_books; DROP TABLE raw_books', undefined],
      ['', undefined],
    ];
    for (const [sql, params] of refusals) {
      await expect(books().rawDicts(sql, params)).rejects.toBeInstanceOf(InvalidQueryError);
    }
    await expect(
      books().rawDicts('SELECT * FROM raw_books WHERE id = :id', [1] as any),
    ).rejects.toBeInstanceOf(InvalidQueryError);
    expect(await books().count()).toBe(3);
  });
});
