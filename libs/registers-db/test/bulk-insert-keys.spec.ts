import 'reflect-metadata';
import { IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { MysqlDialect } from '../src/dialects/mysql/dialect';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'bulk_key_tags' })
class Tag {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() label!: string;
}

const labels = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => ({ label: `${prefix}-${i}` }));

/** Every record's key is the key of the stored row with its label. */
async function expectKeysMatchRows(db: DatabaseRegistry, records: Tag[]): Promise<void> {
  const stored = await db.manager(Tag).filter({ label__in: records.map((r) => r.label) });
  const keyOf = new Map(stored.map((row) => [row.label, row.id]));
  expect(stored).toHaveLength(records.length);
  expect(records.filter((r) => keyOf.get(r.label) !== r.id)).toEqual([]);
}

describeEachDialect('Keys of bulk-created records', (target) => {
  let db: DatabaseRegistry;
  beforeAll(() => {
    db = new DatabaseRegistry({ url: target().url }).register(Tag);
  });
  afterAll(() => db.dispose());

  it('are the stored keys across several multi-row statements, after gaps in the sequence', async () => {
    const tags = db.manager(Tag);
    const first = await tags.bulkCreate(labels(30, 'first'));
    // Deleting the newest rows leaves the counter ahead of the table on every database.
    await tags.deleteWhere({ id__gt: first[9].id });
    const created = await tags.bulkCreate(labels(2500, 'second'));
    await expectKeysMatchRows(db, created);
    expect(created[0].id).toBeGreaterThan(first[29].id!);
    expect(new Set(created.map((r) => r.id)).size).toBe(2500);
  });

  it('are the stored keys when another writer inserts between two bulk writes', async () => {
    const other = new DatabaseRegistry({ url: target().url }).register(Tag);
    try {
      const a = await db.manager(Tag).bulkCreate(labels(1200, 'a'));
      await other.manager(Tag).create({ label: 'between' });
      const b = await db.manager(Tag).bulkCreate(labels(1200, 'b'));
      await expectKeysMatchRows(db, [...a, ...b]);
    } finally {
      await other.dispose();
    }
  });
});

describeEachDialect(
  'Keys of bulk-created records on MariaDB with a session step of its own',
  (target) => {
    it('come back through RETURNING, three apart, when the session step differs from the server', async () => {
      const db = new DatabaseRegistry({
        url: target().url,
        typeorm: { extra: { connectionLimit: 1 } },
      }).register(Tag);
      try {
        await db.connection.query('SET SESSION auto_increment_increment = 3');
        const created = await db.manager(Tag).bulkCreate(labels(1500, 'stepped'));
        await expectKeysMatchRows(db, created);
        expect(created[1].id! - created[0].id!).toBe(3);
      } finally {
        await db.dispose();
      }
    });
  },
  { only: ['mariadb'] },
);

describe('when MySQL or MariaDB hands out consecutive keys', () => {
  const { stepOf } = new MysqlDialect().consecutiveInsertIds;
  const row = (lockMode: unknown, serverStep: unknown, sessionStep: unknown) => ({
    lock_mode: lockMode,
    server_step: serverStep,
    session_step: sessionStep,
  });

  it('trusts the traditional and consecutive lock modes with the server step', () => {
    expect(stepOf(row(1, 1, 1))).toBe(1);
    expect(stepOf(row(0, 2, 2))).toBe(2);
    expect(stepOf(row('1', '1', '1'))).toBe(1);
  });

  it('does not trust interleaved locks, a session step of its own, or a missing answer', () => {
    expect(stepOf(row(2, 1, 1))).toBeUndefined();
    expect(stepOf(row(1, 1, 3))).toBeUndefined();
    expect(stepOf(row(null, 1, 1))).toBeUndefined();
    expect(stepOf(row(1, 0, 0))).toBeUndefined();
    expect(stepOf(undefined)).toBeUndefined();
  });
});
