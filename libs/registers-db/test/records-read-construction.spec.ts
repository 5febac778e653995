import 'reflect-metadata';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { DatabaseRegistry } from '../src/registry';
import { emptyTables } from './support/registry';

let constructed = 0;

@Model({ table: 'rrc_tickets' })
class Ticket {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() title!: string;
  @Field() @IsInt() priority: number = 3;
  /** Not stored: set only where the constructor runs. */
  origin = 'constructed';

  constructor() {
    constructed++;
  }
}

/**
 * Records read from the database are built from their row without the model's constructor
 * (one shared hidden class per registry however many registries a process holds); records
 * built from input are constructed, so initializers give them defaults.
 */
describeEachDialect('Records: built from a row, or constructed from input', (target) => {
  let db: DatabaseRegistry;
  const tickets = () => db.manager(Ticket);
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Ticket);
  });
  afterAll(() => db.dispose());
  beforeEach(() => emptyTables(db, [Ticket]));

  it('create constructs the record: initializers give defaults and extra properties', async () => {
    const before = constructed;
    const created = await tickets().create({ title: 'Printer' });
    expect(constructed).toBe(before + 1);
    expect(created).toMatchObject({ title: 'Printer', priority: 3, origin: 'constructed' });
  });

  it('reads build records from the row alone, without running the constructor', async () => {
    const { id } = await tickets().create({ title: 'Door', priority: 1 });
    await tickets().create({ title: 'Window' });
    const before = constructed;
    const byKey = await tickets().require(id!);
    const all = await tickets().filter({}, { orderBy: 'id' });
    expect(constructed).toBe(before);
    for (const record of [byKey, ...all]) {
      expect(record).toBeInstanceOf(Ticket);
      expect(record.constructor).toBe(Ticket);
      expect(Object.keys(record)).toEqual(['id', 'title', 'priority']);
    }
    expect(all.map((t) => [t.title, t.priority])).toEqual([
      ['Door', 1],
      ['Window', 3],
    ]);
  });

  it('a read record keeps its methods: it saves, refreshes and deletes', async () => {
    const { id } = await tickets().create({ title: 'Lamp' });
    const read = await tickets().require(id!);
    read.priority = 5;
    await read.save();
    expect((await tickets().require(id!)).priority).toBe(5);
    await read.refresh();
    expect(read.priority).toBe(5);
    await read.delete();
    expect(await tickets().get(id!)).toBeNull();
  });
});
