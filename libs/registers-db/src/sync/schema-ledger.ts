import type { DatabaseConnection } from '../connection/database-connection';
import { Manager } from '../manager/manager';
import { ModelSchema } from '../schema/model-schema';
import { migrationLedgerModel, type SchemaMigrationRow } from '../schema/synthetic-model';

/**
 * The `registers_schema_migrations` table `createAll()` writes: one row per schema version
 * (or per call that created tables), read and written by a Manager.
 */
export class SchemaLedger {
  private managerRef?: Manager<SchemaMigrationRow>;

  constructor(private readonly connection: DatabaseConnection) {}

  private get manager(): Manager<SchemaMigrationRow> {
    if (!this.managerRef) {
      const meta = migrationLedgerModel();
      this.managerRef = new Manager(meta, this.connection, new ModelSchema(meta, this.connection));
    }
    return this.managerRef;
  }

  /**
   * Adds a row for schema `version` of `tables` unless nothing was created and the last row
   * already has this version. Creates the table when it is missing.
   */
  async record(version: string, created: string[], tables: string[]): Promise<void> {
    const ledger = this.manager;
    await ledger.createSchema();
    const [last] = await ledger.valuesList('version', undefined, { orderBy: '-id', limit: 1 });
    if (created.length === 0 && last === version) return;
    await ledger.create({
      version,
      name: created.length ? `createAll: ${created.join(', ')}` : 'createAll: schema changed',
      tables: JSON.stringify(tables),
      appliedAt: new Date(),
    });
  }
}
