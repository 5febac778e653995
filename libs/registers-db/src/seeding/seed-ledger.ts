import type { DatabaseConnection } from '../connection/database-connection';
import { Manager } from '../manager/manager';
import { ModelSchema } from '../schema/model-schema';
import { seedLedgerModel, type SeedRunRow } from '../schema/synthetic-model';

/** The `registers_seeds` table (one row per seeder that ran), read and written by a Manager. */
export class SeedLedger {
  private managerRef?: Manager<SeedRunRow>;

  constructor(private readonly connection: DatabaseConnection) {}

  private get manager(): Manager<SeedRunRow> {
    if (!this.managerRef) {
      const meta = seedLedgerModel();
      this.managerRef = new Manager(meta, this.connection, new ModelSchema(meta, this.connection));
    }
    return this.managerRef;
  }

  /** Creates the table when it is missing (checked on every run: it may have been dropped). */
  async open(): Promise<void> {
    await this.manager.createSchema();
  }

  /** Whether `name` ran on this database. */
  hasRun(name: string): Promise<boolean> {
    return this.manager.exists({ name });
  }

  /** Records that `name` ran now: a new row, or a new time on its row when it ran before. */
  async record(name: string, ranBefore: boolean): Promise<void> {
    if (ranBefore) await this.manager.updateWhere({ name }, { appliedAt: new Date() });
    else await this.manager.create({ name, appliedAt: new Date() });
  }
}
