import { Contestant } from './contestant';
import { FreshDatabase } from './databases';
import { BenchRow } from './rows';

/** Minimal shape of the parts of @registers/db the bench uses (SPEC 2.2, 2.3). */
interface BenchManager {
  require(key: number): Promise<object>;
  create(data: BenchRow): Promise<object>;
  bulkCreate(rows: BenchRow[]): Promise<object[]>;
  filter(where: Record<string, unknown>): Promise<object[]>;
  upsert(data: BenchRow): Promise<object>;
}
interface BenchRegistry {
  connection?: { query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> };
  register(...models: Function[]): unknown;
  transaction<R>(fn: () => Promise<R>): Promise<R>;
  manager(model: Function): BenchManager;
  dispose(): Promise<void>;
}

/**
 * Loads @registers/db and the bench model lazily: while the library is being written the
 * bench still runs its anchors and reports the subject as skipped, with the reason.
 */
export function loadRegisters():
  { DatabaseRegistry: new (o: object) => BenchRegistry; BenchUser: Function } | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require('../../libs/registers-db/src');
    if (typeof lib.DatabaseRegistry !== 'function')
      return '@registers/db does not export DatabaseRegistry yet';
    if (typeof lib.Model !== 'function' || typeof lib.Field !== 'function') {
      return '@registers/db does not export Model/Field yet';
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { BenchUser } = require('./model');
    return { DatabaseRegistry: lib.DatabaseRegistry, BenchUser };
  } catch (error) {
    return `@registers/db failed to load: ${(error as Error).message.split('\n')[0]}`;
  }
}

export const REGISTERS_LABELS = {
  require: 'Manager.require(id)',
  create: 'Manager.create(row) (validated)',
  bulkCreate: 'Manager.bulkCreate(rows) (validated)',
  filter: 'Manager.filter({ age__gte }) (hydrated)',
  upsert: 'Manager.upsert(row) (conflict on email)',
};

/** The subject: a registers Manager for the bench model. */
export class RegistersSubject implements Contestant {
  readonly name = 'registers';
  readonly labels = REGISTERS_LABELS;
  private constructor(
    private readonly registry: BenchRegistry,
    readonly manager: BenchManager,
  ) {}

  static async connect(db: FreshDatabase): Promise<RegistersSubject> {
    const loaded = loadRegisters();
    if (typeof loaded === 'string') throw new Error(loaded);
    const registry = new loaded.DatabaseRegistry({ url: db.url, autoCreate: false });
    registry.register(loaded.BenchUser);
    // Steady state of a real app: once a transaction has run, AsyncLocalStorage keeps
    // Node 20's promise hooks on for the whole process (every contender pays them).
    await registry.transaction(async () => undefined);
    return new RegistersSubject(registry, registry.manager(loaded.BenchUser));
  }

  /** Raw statement on the registry's own connection (untimed checks, e.g. SQLite pragmas). */
  get query(): ((sql: string) => Promise<Record<string, unknown>[]>) | undefined {
    const connection = this.registry.connection;
    return connection ? (sql) => connection.query(sql) : undefined;
  }

  async requireEach(ids: number[]): Promise<number> {
    let found = 0;
    for (const id of ids) if (await this.manager.require(id)) found++;
    return found;
  }

  async createEach(rows: BenchRow[]): Promise<void> {
    for (const r of rows) await this.manager.create(r);
  }

  async bulkCreate(rows: BenchRow[]): Promise<void> {
    await this.manager.bulkCreate(rows);
  }

  async filterByMinAge(minAge: number): Promise<unknown[]> {
    return this.manager.filter({ age__gte: minAge });
  }

  async upsertEach(rows: BenchRow[]): Promise<void> {
    for (const r of rows) await this.manager.upsert(r);
  }

  async close(): Promise<void> {
    await this.registry.dispose();
  }
}
