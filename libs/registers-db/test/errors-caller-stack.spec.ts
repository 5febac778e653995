import 'reflect-metadata';
import { IsString } from 'class-validator';
import { describeEachDialect } from '../../../test/support/dialects';
import { Field, Model } from '../src/decorators';
import { UniqueConstraintError } from '../src/errors';
import { DatabaseRegistry } from '../src/registry';

@Model({ table: 'stack_items', unique: ['code'] })
class StackItem {
  @Field({ id: 'autoincrement' }) id?: number;
  @Field() @IsString() code!: string;
}

/**
 * The errors a write rejects with carry a stack that runs through the caller's awaits, on
 * every dialect. That is why the mysql2 pool is opened without its own per-statement stack
 * capture (`trace: false`), which cost as much as the rest of a one-row statement's work.
 */
describeEachDialect('Errors of failed statements name their caller', (target) => {
  let db: DatabaseRegistry;
  beforeAll(async () => {
    db = new DatabaseRegistry({ url: target().url }).register(StackItem);
    await db.createAll();
    await db.manager(StackItem).create({ code: 'taken' });
  });
  afterAll(() => db.dispose());

  async function createTakenCodeForStackCheck(): Promise<unknown> {
    return await db.manager(StackItem).create({ code: 'taken' });
  }

  it('outside a transaction', async () => {
    const error = await createTakenCodeForStackCheck().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect((error as Error).stack).toContain('createTakenCodeForStackCheck');
  });

  it('inside a transaction', async () => {
    const error = await db.transaction(() => createTakenCodeForStackCheck().catch((e) => e));
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect((error as Error).stack).toContain('createTakenCodeForStackCheck');
  });
});

describeEachDialect(
  'The mysql2 pool',
  (target) => {
    const traceOf = async (options: object): Promise<boolean> => {
      const db = new DatabaseRegistry({ url: target().url, ...options });
      try {
        const pool = (await db.connection.driverHandle()) as {
          config: { connectionConfig: { trace: boolean } };
        };
        return pool.config.connectionConfig.trace;
      } finally {
        await db.dispose();
      }
    };

    it('captures no stack per statement', async () => {
      expect(await traceOf({})).toBe(false);
    });

    it('captures them again when typeorm.extra asks', async () => {
      expect(await traceOf({ typeorm: { extra: { trace: true } } })).toBe(true);
    });
  },
  { only: ['mariadb'] },
);
