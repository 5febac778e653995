import { AsyncResource } from 'node:async_hooks';
import type { SchemaDiff } from '../schema/interfaces';
import { ddlFor } from '../dialects';
import { recordAdditivePlan, runAdditiveStatements } from './additive-migration';
import { planAdditiveSteps, runAdditiveStep } from './additive-plan';
import type { AdditiveMigrationReport } from './interfaces/additive-migration.interfaces';
import type { SchemaSyncHost, SyncedModel } from './interfaces/synced-model.interface';
import { schemaChecksum } from './schema-checksum';
import { schemaDriftError } from './schema-drift';
import { SchemaLedger } from './schema-ledger';
import { createMissingTables } from './table-creation';

/**
 * Keeps the registered tables in line with their models without migration files
 * (`registry.sync`): lazy creation before first use, `createAll` with its
 * `registers_schema_migrations` ledger, drift checks and the additive migration (missing
 * tables and columns only; anything else needs `registry.migrations`).
 */
export class SchemaSync {
  private preparing: Promise<void> = Promise.resolve();
  /** The async context the registry was made in (outside any transaction), for DDL. */
  private readonly outsideTransactions = new AsyncResource('RegistersDbSchema');
  private ledgerRef?: SchemaLedger;

  constructor(private readonly host: SchemaSyncHost) {}

  private get models(): SyncedModel[] {
    return this.host.models.all();
  }

  private createTables(models: SyncedModel[]): Promise<string[]> {
    return createMissingTables(models, this.host.models);
  }

  /**
   * Makes every registered table ready for use: with autoCreate, creates the missing ones
   * (models with `autoCreate: false` are left alone). Called lazily by managers.
   */
  prepare(): Promise<void> {
    const inTransaction = this.host.connection.inTransaction();
    const next = this.preparing
      .catch(() => undefined)
      .then(async () => {
        const pending = this.models.filter((e) => !e.schema.ready);
        if (pending.length === 0) return;
        const creatable = this.host.autoCreate ? pending.filter((e) => e.meta.autoCreate) : [];
        if (!inTransaction || creatable.length === 0) {
          await this.createTables(creatable);
        } else if (creatable[0].schema.ddl.ddlOutsideTransactions) {
          // First use inside a transaction: create the tables on another connection, so a
          // rollback cannot drop them (PostgreSQL) and MySQL does not commit the transaction.
          await this.outsideTransactions.runInAsyncScope(() => this.createTables(creatable));
        } else {
          // SQLite has one connection: the DDL joins the transaction and may be rolled
          // back with it, so these tables are checked again on next use.
          await this.createTables(creatable);
          for (const e of pending) e.schema.markReady(!creatable.includes(e));
          return;
        }
        for (const e of pending) e.schema.markReady();
      });
    this.preparing = next;
    return next;
  }

  /**
   * Creates every missing registered table (autoCreate or not) in foreign-key order and
   * records the schema in the `registers_schema_migrations` ledger. Returns the tables created.
   */
  async createAll(): Promise<string[]> {
    await this.preparing.catch(() => undefined);
    const models = this.models;
    const created = await this.createTables(models);
    for (const e of models) e.schema.markReady();
    this.ledgerRef ??= new SchemaLedger(this.host.connection);
    await this.ledgerRef.record(
      this.checksum(),
      created,
      models.map((e) => e.meta.table),
    );
    return created;
  }

  /** A digest of every registered table's shape (what the ledger records as `version`). */
  checksum(): string {
    return schemaChecksum(this.models.map((e) => e.meta));
  }

  /** Drift of every registered table, keyed by table name. */
  async diff(): Promise<Record<string, SchemaDiff>> {
    const result: Record<string, SchemaDiff> = {};
    for (const e of this.models) result[e.meta.table] = await e.schema.schemaDiff();
    return result;
  }

  /** True when every registered table exists and matches its model. */
  async check(): Promise<boolean> {
    return Object.values(await this.diff()).every((d) => d.ok);
  }

  /** MigrationError listing the drift of every table that differs from its model. */
  async assertCurrent(): Promise<void> {
    const error = schemaDriftError(this.host.name, await this.diff());
    if (error) throw error;
  }

  /**
   * Additive migration of every registered model: creates missing tables (foreign-key
   * order) and adds missing columns. Dry run by default (returns the drift only).
   */
  async migrate(options: { dryRun?: boolean } = {}): Promise<Record<string, SchemaDiff>> {
    if (options.dryRun !== false) return this.diff();
    const models = this.models;
    await this.createTables(models);
    const { steps } = planAdditiveSteps(models, await this.diff(), this.lazyForeignKeys());
    for (const step of steps) await runAdditiveStep(step, step.model.schema);
    for (const e of models) e.schema.markReady();
    return this.diff();
  }

  /**
   * The additive migration as statements, without running them (`db migrate --dry-run`):
   * the steps, their SQL and the drift it leaves alone.
   */
  async plan(): Promise<AdditiveMigrationReport> {
    const plan = planAdditiveSteps(this.models, await this.diff(), this.lazyForeignKeys());
    return recordAdditivePlan(plan, this.host.connection);
  }

  /**
   * Runs exactly the statements of `plan()` (all or nothing where DDL is transactional;
   * MySQL commits each one), then `createAll()` marks the tables ready and records the ledger.
   */
  async apply(plan: AdditiveMigrationReport): Promise<AdditiveMigrationReport> {
    const { connection } = this.host;
    await runAdditiveStatements(plan, connection, ddlFor(connection.dialect).transactionalDdl);
    await this.createAll();
    return { ...plan, dryRun: false };
  }

  private lazyForeignKeys(): boolean {
    return ddlFor(this.host.connection.dialect).lazyForeignKeys;
  }
}
