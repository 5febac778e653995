import 'reflect-metadata';
import { AssertionError } from 'node:assert';
import { IsInt, IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { ConfigurationError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';
import { defineRelations, loadRelated, ManyToOne, OneToMany, prefetch } from '../src/relations';
import { assertQueryCount } from '@registers/db/testing';

@Model({ table: 'qc_authors' })
class Author {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() name!: string;
}

@Model({ table: 'qc_notes' })
class Note {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field({ foreignKey: 'qc_authors.id' }) @IsInt() authorId!: number;
  @Field() @IsString() text!: string;
}

/** Registered only by the test that lets its table be created on first use. */
@Model({ table: 'qc_probes' })
class Probe {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() label!: string;
}

defineRelations(Author, { notes: OneToMany(() => Note, { foreignKey: 'authorId' }) });
defineRelations(Note, { author: ManyToOne(() => Author, { localKey: 'authorId' }) });

/** A promise and the function that settles it, to order two flows without timers. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * The statements `fn` sends as assertQueryCount sees them (read from the AssertionError of
 * an `exact: 0` count) next to those the connection's own listener hears meanwhile.
 */
async function countedAndHeard(
  db: DatabaseRegistry,
  fn: () => Promise<unknown>,
): Promise<{ counted: number; heard: string[] }> {
  const heard: string[] = [];
  const off = db.connection.onStatement((sql) => heard.push(sql));
  try {
    const error = await assertQueryCount({ exact: 0 }, fn).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (error === undefined) return { counted: 0, heard };
    if (!(error instanceof AssertionError)) throw error;
    return { counted: error.actual as number, heard };
  } finally {
    off();
  }
}

describeEachDialect('assertQueryCount on any registry', (target) => {
  let db: DatabaseRegistry;
  const authors = () => db.manager(Author);
  const notes = () => db.manager(Note);

  beforeAll(async () => {
    // A plain registry, as an application test would make one: no createTestRegistry.
    db = new DatabaseRegistry({ url: target().url, name: 'qc_main' }).register(Author, Note);
    await db.sync.createAll();
  });
  afterAll(() => db.dispose());
  beforeEach(async () => {
    await notes().executeRaw('DELETE FROM qc_notes');
    await authors().executeRaw('DELETE FROM qc_authors');
  });

  it('counts the statements a plain DatabaseRegistry sends and returns the value', async () => {
    const ada = await authors().create({ name: 'Ada' });
    const found = await assertQueryCount({ exact: 1 }, () => authors().get(ada.id!));
    expect(found?.name).toBe('Ada');
    await assertQueryCount({ exact: 3 }, async () => {
      await authors().count();
      await authors().rawDicts('SELECT name FROM qc_authors WHERE id = :id', { id: ada.id });
      await authors().executeRaw('UPDATE qc_authors SET name = :n WHERE id = :id', {
        n: 'Ada L.',
        id: ada.id,
      });
    });
    await assertQueryCount({ exact: 0 }, async () => undefined);
  });

  it('counts statements inside transactions, but not BEGIN, COMMIT or savepoints', async () => {
    const ada = await authors().create({ name: 'Ada' });
    await assertQueryCount({ exact: 4 }, () =>
      db.transaction(async () => {
        await authors().executeRaw('UPDATE qc_authors SET name = :n WHERE id = :id', {
          n: 'Outer',
          id: ada.id,
        });
        await db.transaction(async () => {
          await authors().get(ada.id!);
          await authors().count();
        });
        await authors().rawDicts('SELECT id FROM qc_authors');
      }),
    );
    expect((await authors().require(ada.id!)).name).toBe('Outer');
  });

  it('counts bulk writes, single-row writes and relation loads as the connection sends them', async () => {
    const ada = await authors().create({ name: 'Ada' });
    const bulk = await countedAndHeard(db, () =>
      notes().bulkCreate([1, 2, 3].map((n) => ({ authorId: ada.id!, text: `n${n}` }))),
    );
    expect(bulk.counted).toBeGreaterThan(0);
    expect(bulk.counted).toBe(bulk.heard.length);
    expect(bulk.heard.some((sql) => /INSERT/i.test(sql))).toBe(true);

    const single = await countedAndHeard(db, () => authors().create({ name: 'Bob' }));
    expect(single.counted).toBeGreaterThan(0);
    expect(single.counted).toBe(single.heard.length);

    const list = await notes().all();
    await assertQueryCount({ exact: 1 }, () => prefetch(list, 'author'));
    const [fresh] = await authors().filter({ id: ada.id });
    await assertQueryCount({ exact: 1 }, () => loadRelated(fresh, 'notes'));
  });

  it('counts the table creation of a model first used inside fn', async () => {
    await db.connection.execute('DROP TABLE IF EXISTS qc_probes');
    const lazy = new DatabaseRegistry({ url: target().url, name: 'qc_lazy' }).register(Probe);
    try {
      const error = await assertQueryCount({ max: 1 }, () => lazy.manager(Probe).count()).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AssertionError);
      expect((error as AssertionError).message).toMatch(/CREATE TABLE[^\n]*qc_probes/i);
      expect((error as AssertionError).message).toMatch(/SELECT COUNT[^\n]*qc_probes/i);
    } finally {
      await lazy.dispose();
      await db.connection.execute('DROP TABLE IF EXISTS qc_probes');
    }
  });

  it('does not count statements of work started outside fn, even while fn waits for it', async () => {
    const release = gate();
    const outside = (async () => {
      await release.opened;
      await authors().count();
      await authors().rawDicts('SELECT id FROM qc_authors');
      await authors().create({ name: 'Outside' });
    })();
    await assertQueryCount({ exact: 1 }, async () => {
      release.open();
      await outside; // three statements run meanwhile, none of them from fn
      await authors().count();
    });
    expect(await authors().count()).toBe(1);
  });

  it('gives nested counts and concurrent counts each their own statements', async () => {
    await assertQueryCount({ exact: 3 }, async () => {
      await authors().count();
      await assertQueryCount({ exact: 2 }, async () => {
        await authors().count();
        await notes().count();
      });
    });
    // Two counts whose statements interleave: each sees only the ones its fn sent.
    const turn = [gate(), gate()];
    await Promise.all([
      assertQueryCount({ exact: 1 }, async () => {
        await turn[0].opened;
        await authors().count();
        turn[1].open();
      }),
      assertQueryCount({ exact: 3 }, async () => {
        await authors().count();
        turn[0].open();
        await turn[1].opened;
        await notes().count();
        await authors().count();
      }),
    ]);
  });

  it('narrows the count to { registry } when given', async () => {
    const other = new DatabaseRegistry({ url: target().url, name: 'qc_other' }).register(Author);
    try {
      await other.manager(Author).count(); // its first use checks that the table exists
      const both = async () => {
        await authors().count();
        await other.manager(Author).count();
        await other.manager(Author).count();
      };
      await assertQueryCount({ exact: 3 }, both);
      await assertQueryCount({ exact: 1, registry: db }, both);
      await assertQueryCount({ exact: 2, registry: other }, both);
      await assertQueryCount({ exact: 3, registry: [db, other] }, both);
      await expect(assertQueryCount({ max: 1, registry: [] }, both)).rejects.toBeInstanceOf(
        ConfigurationError,
      );
    } finally {
      await other.dispose();
    }
  });

  it('fails a max with an AssertionError listing each statement, never its values', async () => {
    const secret = 'Grace the secret name';
    const grace = await authors().create({ name: secret });
    const error = await assertQueryCount({ max: 1 }, async () => {
      await authors().filter({ name: secret });
      await notes().count();
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssertionError);
    expect((error as AssertionError).message).toMatch(
      /^Expected at most 1 statement\(s\), 2 ran:\n {2}1\. SELECT [^\n]*qc_authors[^\n]*\n {2}2\. SELECT COUNT[^\n]*qc_notes/s,
    );
    expect((error as AssertionError).message).not.toContain(secret);
    expect(grace.id).toBeDefined();
  });
});
